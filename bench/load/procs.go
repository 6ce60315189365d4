package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// proc is a server process the bench started, and stops.
type proc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

// start runs name with args and env in dir, its output to logFile.
func start(name, dir, logFile string, env []string, bin string, args ...string) (*proc, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = out, out
	// Its own process group, so that a Ctrl-C of make reaches the bench,
	// which stops the servers in order.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		out.Close()
		close(p.done)
	}()
	return p, nil
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

// stop asks the process to end (SIGTERM), and kills it after 10 s.
func (p *proc) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// waitHTTP polls url until it answers 200, the process ends, or timeout.
func (p *proc) waitHTTP(ctx context.Context, url string, timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return fmt.Errorf("%s ended before it was ready: %v", p.name, p.err)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready at %s after %v", p.name, url, timeout)
}

// memory samples a process's resident memory (VmRSS) until stopped.
type memory struct {
	pid  int
	mu   sync.Mutex
	peak int64 // kB, highest VmRSS sampled since reset
	stop chan struct{}
}

func sampleMemory(pid int) *memory {
	m := &memory{pid: pid, stop: make(chan struct{})}
	go func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-m.stop:
				return
			case <-t.C:
				if rss, _, err := procStatus(pid); err == nil {
					m.mu.Lock()
					m.peak = max(m.peak, rss)
					m.mu.Unlock()
				}
			}
		}
	}()
	return m
}

// take returns the highest VmRSS since the last take, in MB.
func (m *memory) take() float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.peak
	m.peak = 0
	return float64(p) / 1024
}

func (m *memory) close() { close(m.stop) }

// procStatus reads VmRSS and VmHWM (kB) of pid.
func procStatus(pid int) (rss, hwm int64, err error) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		for _, k := range []struct {
			key string
			v   *int64
		}{{"VmRSS:", &rss}, {"VmHWM:", &hwm}} {
			if rest, ok := strings.CutPrefix(line, k.key); ok {
				f := strings.Fields(rest)
				if len(f) > 0 {
					*k.v, _ = strconv.ParseInt(f[0], 10, 64)
				}
			}
		}
	}
	if rss == 0 {
		return 0, 0, errors.New("no VmRSS")
	}
	return rss, hwm, s.Err()
}

// startup times the Birge binary from process start to /readyz 200 on an
// embedded database: a fresh file (the demo seed is written first) and
// the same file again (already seeded); the median of runs each.
func startup(ctx context.Context, bin, dir string, runs int) (fresh, seeded time.Duration, err error) {
	tmp, err := os.MkdirTemp("", "birge-startup-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(tmp)
	once := func(file string) (time.Duration, error) {
		port, err := freePort()
		if err != nil {
			return 0, err
		}
		env := []string{"BIRGE_DATABASE_URL=" + file, "BIRGE_SEED=true", "BIRGE_ADDR=127.0.0.1:" + strconv.Itoa(port)}
		t0 := time.Now()
		p, err := start("birge (startup)", dir, filepath.Join(tmp, "log"), env, bin, "serve")
		if err != nil {
			return 0, err
		}
		defer p.stop()
		if err := p.waitHTTP(ctx, fmt.Sprintf("http://127.0.0.1:%d/readyz", port), 60*time.Second); err != nil {
			return 0, err
		}
		return time.Since(t0), nil
	}
	var f, s []time.Duration
	for i := range runs {
		file := filepath.Join(tmp, fmt.Sprintf("birge-%d.db", i))
		d, err := once(file)
		if err != nil {
			return 0, 0, err
		}
		f = append(f, d)
		if d, err = once(file); err != nil {
			return 0, 0, err
		}
		s = append(s, d)
	}
	slices.Sort(f)
	slices.Sort(s)
	return f[len(f)/2], s[len(s)/2], nil
}

// cpuTicks returns the CPU time (user and system) a process used, and
// that each PostgreSQL backend serving the database dbName used, by
// process ID, from /proc.
func cpuTicks(pid int, dbName string) (proc time.Duration, backends map[int]time.Duration) {
	read := func(dir string) (string, time.Duration) {
		b, err := os.ReadFile(filepath.Join(dir, "stat"))
		if err != nil {
			return "", 0
		}
		s := string(b)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open {
			return "", 0
		}
		f := strings.Fields(s[close+1:])
		if len(f) < 13 {
			return "", 0
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		k, _ := strconv.ParseInt(f[12], 10, 64)
		return s[open+1 : close], time.Duration(u+k) * time.Second / clockTicks
	}
	if pid > 0 {
		_, proc = read(filepath.Join("/proc", strconv.Itoa(pid)))
	}
	backends = map[int]time.Duration{}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		name, t := read(d)
		if name != "postgres" {
			continue
		}
		// A backend's command line: "postgres: user database host(port) state".
		cmd, err := os.ReadFile(filepath.Join(d, "cmdline"))
		if err != nil || !strings.Contains(string(cmd), " "+dbName+" ") {
			continue
		}
		n, _ := strconv.Atoi(filepath.Base(d))
		backends[n] = t
	}
	return proc, backends
}

// backendCPU is the CPU the backends used between two cpuTicks; backends
// that ended meanwhile are not counted.
func backendCPU(before, after map[int]time.Duration) time.Duration {
	var d time.Duration
	for pid, t := range after {
		d += t - before[pid]
	}
	return d
}

// clockTicks is USER_HZ, 100 on Linux.
const clockTicks = 100
