package keep

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"

	"github.com/shyraq/birge/ent"
)

// channel is the PostgreSQL notification channel of changes.
const channel = "birge_changes"

// listenTimeout bounds the wait for the listening connection at start;
// pingEvery is how often that connection is checked (a dead one is made
// again, and everything kept forgotten).
const (
	listenTimeout = 10 * time.Second
	pingEvery     = 90 * time.Second
)

// Relay passes changes between the servers of one PostgreSQL database:
// when a mutation of a type some Map watches commits on this server, it
// sends the type's name (NOTIFY); when another server's arrives, the Maps
// watching that type forget their values at once. When the listening
// connection is lost, every Map forgets its values on reconnecting: the
// changes sent meanwhile are not known. A nil *Relay relays nothing (one
// server, SQLite).
type Relay struct {
	db       *sql.DB
	self     string // this server's name in notifications
	log      *slog.Logger
	listener *pq.Listener
	done     chan struct{}

	mu    sync.Mutex
	maps  []watcher
	types map[string]bool // watched by any Map
}

type watcher struct {
	forget func()
	types  map[string]bool
}

// NewRelay starts relaying changes through the PostgreSQL database of
// dsn (listening on a connection of its own) and db (sending), and
// installs on client the hook that sends this server's changes.
func NewRelay(client *ent.Client, db *sql.DB, dsn string, log *slog.Logger) (*Relay, error) {
	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, err
	}
	r := &Relay{db: db, self: hex.EncodeToString(id[:]), log: log, types: map[string]bool{}, done: make(chan struct{})}
	r.listener = pq.NewListener(dsn, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			log.Warn("keep: change relay connection", "event", ev, "error", err)
		}
	})
	// Listen waits until the listening connection is made; a server that
	// cannot make it (no connection slot left) fails to start, saying so.
	listening := make(chan error, 1)
	go func() { listening <- r.listener.Listen(channel) }()
	select {
	case err := <-listening:
		if err != nil {
			r.listener.Close()
			return nil, err
		}
	case <-time.After(listenTimeout):
		r.listener.Close()
		return nil, fmt.Errorf("no connection to listen for other servers' changes within %v (is max_connections reached?)", listenTimeout)
	}
	go r.listen()
	client.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			typ := mu.Type()
			if !r.watched(typ) {
				return next.Mutate(ctx, mu)
			}
			return changing(ctx, mu, next, func() { r.send(typ) })
		})
	})
	return r, nil
}

// Close stops relaying.
func (r *Relay) Close() error {
	if r == nil {
		return nil
	}
	err := r.listener.Close()
	<-r.done
	return err
}

// add registers forget to be called when another server changes one of
// types.
func (r *Relay) add(forget func(), types map[string]bool) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.maps = append(r.maps, watcher{forget: forget, types: types})
	for t := range types {
		r.types[t] = true
	}
}

func (r *Relay) watched(typ string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.types[typ]
}

// send tells the other servers that typ changed. A failure is logged:
// they see the change when their values are maxAge old.
func (r *Relay) send(typ string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := r.db.ExecContext(ctx, "SELECT pg_notify($1, $2)", channel, r.self+" "+typ); err != nil {
		r.log.Warn("keep: relaying a change failed", "type", typ, "error", err)
	}
}

// listen forgets the values of the Maps a notification concerns until
// the listener is closed.
func (r *Relay) listen() {
	defer close(r.done)
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		var n *pq.Notification
		select {
		case <-ping.C:
			go func() { _ = r.listener.Ping() }() // a failure makes pq reconnect
			continue
		case got, open := <-r.listener.Notify:
			if !open {
				return
			}
			n = got
		}
		if n == nil {
			// Reconnected: notifications may have been missed.
			r.forget(func(map[string]bool) bool { return true })
			continue
		}
		from, typ, _ := strings.Cut(n.Extra, " ")
		if from == r.self {
			continue
		}
		r.forget(func(types map[string]bool) bool { return types[typ] })
	}
}

func (r *Relay) forget(concerns func(map[string]bool) bool) {
	r.mu.Lock()
	maps := append([]watcher(nil), r.maps...)
	r.mu.Unlock()
	for _, w := range maps {
		if concerns(w.types) {
			w.forget()
		}
	}
}
