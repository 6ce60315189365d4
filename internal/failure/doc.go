// Package failure holds Birge's failure tests (in its _test.go files):
// PostgreSQL restarted under load, graceful shutdown with requests in
// flight, a corpus of bad input, and many clients editing at once. They
// drive the real HTTP handler (server.New) over real connections.
package failure
