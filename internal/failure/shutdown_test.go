package failure

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/server"
	"github.com/shyraq/birge/viewer"
)

// SIGTERM with requests in flight: the server stops accepting
// connections at once, and every request it had begun to read completes.
func TestGracefulShutdownCompletesRequestsInFlight(t *testing.T) {
	t.Parallel()
	db := testdb.Open(t)
	fx := seedFixture(t, db.Client, 0)
	logs := &syncBuffer{}
	s, err := server.New(server.Config{Addr: "127.0.0.1:0", PublicURL: "http://127.0.0.1", ShutdownTTL: 20 * time.Second}, db, server.NewLoggerTo(logs, "text"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addrc := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, func(addr string) { addrc <- addr }) }()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-served:
		t.Fatal(err)
	}
	base := "http://" + addr
	admin := newClient(base)
	admin.signIn(t, fx.Admin)
	u, _ := url.Parse(base)
	var cookies []string
	for _, c := range admin.http.Jar.Cookies(u) {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	admin.http.CloseIdleConnections()

	// Requests whose bodies are half sent when the shutdown begins.
	const inFlight = 10
	type conn struct {
		c    net.Conn
		rest string
	}
	var conns []conn
	for i := range inFlight {
		body, _ := json.Marshal(map[string]any{
			"query":     `mutation($n: String!) { createOrganization(input: {name: $n, kind: FOUNDATION}) { id name } }`,
			"variables": map[string]any{"n": fmt.Sprintf("In flight %d", i)},
		})
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		head := fmt.Sprintf("POST /graphql HTTP/1.1\r\nHost: %s\r\nOrigin: %s\r\nContent-Type: application/json\r\nCookie: %s\r\nContent-Length: %d\r\n\r\n",
			addr, base, strings.Join(cookies, "; "), len(body))
		half := len(body) / 2
		if _, err := io.WriteString(c, head+string(body[:half])); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn{c, string(body[half:])})
	}
	time.Sleep(200 * time.Millisecond) // the server has read the headers
	stop()                             // SIGTERM
	time.Sleep(300 * time.Millisecond)
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("a new connection was accepted after the shutdown began")
	}
	for i, c := range conns {
		if _, err := io.WriteString(c.c, c.rest); err != nil {
			t.Fatalf("request %d: finishing the body: %v", i, err)
		}
	}
	for i, c := range conns {
		c.c.SetReadDeadline(time.Now().Add(15 * time.Second))
		res, err := http.ReadResponse(bufio.NewReader(c.c), nil)
		if err != nil {
			t.Errorf("request %d got no response: %v", i, err)
			continue
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(b), fmt.Sprintf(`"In flight %d"`, i)) {
			t.Errorf("request %d: %d %s", i, res.StatusCode, b)
		}
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not stop")
	}
	n := db.Client.Organization.Query().Where(organization.NameHasPrefix("In flight")).CountX(viewer.SystemContext(context.Background()))
	if n != inFlight {
		t.Errorf("%d of %d requests in flight were written", n, inFlight)
	}
}
