package auth

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Message is a plain-text mail.
type Message struct {
	To, Subject, Body string
}

// Mailer sends mail.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// outboxSize is how many messages a LogMailer keeps.
const outboxSize = 100

// LogMailer "sends" mail by writing it to a logger: a visible outbox for
// development. It keeps the last 100 messages in memory for tests and
// development tools.
type LogMailer struct {
	log *slog.Logger

	mu     sync.Mutex
	outbox []Message
}

// NewLogMailer returns a LogMailer writing to logger (slog.Default() if
// nil).
func NewLogMailer(logger *slog.Logger) *LogMailer {
	if logger == nil {
		logger = slog.Default()
	}
	return &LogMailer{log: logger}
}

// Send logs m and keeps it in the outbox.
func (l *LogMailer) Send(ctx context.Context, m Message) error {
	l.log.InfoContext(ctx, "mail (development outbox; not sent)", "to", m.To, "subject", m.Subject, "body", m.Body)
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.outbox) >= outboxSize {
		l.outbox = append(l.outbox[:0:0], l.outbox[len(l.outbox)-outboxSize+1:]...)
	}
	l.outbox = append(l.outbox, m)
	return nil
}

// Outbox returns the messages sent so far, oldest first (at most the last
// 100).
func (l *LogMailer) Outbox() []Message {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Message(nil), l.outbox...)
}

// smtpMailer sends mail through an SMTP server.
type smtpMailer struct {
	addr     string // host:port
	host     string
	from     string
	username string
	password string
	implicit bool // smtps: TLS from the first byte
}

// NewSMTPMailer returns a Mailer that sends through the SMTP server of
// rawURL: smtp://user:pass@host:port?from=addr (port 587 if omitted). It
// upgrades the connection with STARTTLS when the server offers it, and
// authenticates (PLAIN) when the URL has a user, which needs TLS unless
// the server is on localhost. smtps://... connects with TLS from the start
// (port 465 if omitted).
func NewSMTPMailer(rawURL string) (Mailer, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("smtp: the mail URL is not a valid URL")
	}
	m := &smtpMailer{}
	port := "587"
	switch u.Scheme {
	case "smtp":
	case "smtps":
		m.implicit, port = true, "465"
	default:
		return nil, fmt.Errorf("smtp: the mail URL must start with smtp:// or smtps://")
	}
	m.host = u.Hostname()
	if m.host == "" {
		return nil, errors.New("smtp: the mail URL has no host")
	}
	if p := u.Port(); p != "" {
		port = p
	}
	m.addr = net.JoinHostPort(m.host, port)
	if u.User != nil {
		m.username = u.User.Username()
		m.password, _ = u.User.Password()
	}
	from := u.Query().Get("from")
	if from == "" {
		return nil, errors.New("smtp: the mail URL needs a sender: ?from=name@example.com")
	}
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("smtp: the sender %q is not an email address", from)
	}
	m.from = addr.Address
	return m, nil
}

// Send delivers msg. It gives up when ctx ends, or after 30 seconds
// without a deadline.
func (m *smtpMailer) Send(ctx context.Context, msg Message) error {
	if strings.ContainsAny(msg.To, "\r\n") || strings.ContainsAny(msg.Subject, "\r\n") {
		return errors.New("smtp: line breaks in a header")
	}
	to, err := mail.ParseAddress(msg.To)
	if err != nil {
		return fmt.Errorf("smtp: recipient is not an email address: %w", err)
	}
	data, err := m.compose(to.Address, msg)
	if err != nil {
		return err
	}

	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(30 * time.Second)
	}
	d := net.Dialer{Deadline: deadline}
	var conn net.Conn
	if m.implicit {
		td := tls.Dialer{NetDialer: &d, Config: &tls.Config{ServerName: m.host, MinVersion: tls.VersionTLS12}}
		conn, err = td.DialContext(ctx, "tcp", m.addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", m.addr)
	}
	if err != nil {
		return fmt.Errorf("smtp: connect: %w", err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()

	c, err := smtp.NewClient(conn, m.host)
	if err != nil {
		return fmt.Errorf("smtp: greeting: %w", err)
	}
	defer c.Close()
	if !m.implicit {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(&tls.Config{ServerName: m.host, MinVersion: tls.VersionTLS12}); err != nil {
				return fmt.Errorf("smtp: starttls: %w", err)
			}
		}
	}
	if m.username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("smtp: the server offers no authentication (AUTH)")
		}
		if err := c.Auth(smtp.PlainAuth("", m.username, m.password, m.host)); err != nil {
			return fmt.Errorf("smtp: auth: %w", err)
		}
	}
	if err := c.Mail(m.from); err != nil {
		return fmt.Errorf("smtp: from: %w", err)
	}
	if err := c.Rcpt(to.Address); err != nil {
		return fmt.Errorf("smtp: to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp: data: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("smtp: write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp: send: %w", err)
	}
	return c.Quit()
}

// compose renders msg as a MIME message: UTF-8 plain text in
// quoted-printable, with an encoded subject.
func (m *smtpMailer) compose(to string, msg Message) ([]byte, error) {
	var b bytes.Buffer
	domain := m.from[strings.LastIndexByte(m.from, '@')+1:]
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", m.from)
	header("To", to)
	header("Subject", mime.QEncoding.Encode("utf-8", msg.Subject))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<%s@%s>", randomToken(18), domain))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(msg.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, fmt.Errorf("smtp: encode body: %w", err)
	}
	if err := qp.Close(); err != nil {
		return nil, fmt.Errorf("smtp: encode body: %w", err)
	}
	return b.Bytes(), nil
}
