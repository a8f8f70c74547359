package store

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// shouldPing decides, each time a pooled connection is taken, whether to
// ping it before use. pgx pings a connection idle for more than a second;
// we also ping one whose socket holds unread bytes or the end of the
// stream. An idle connection has nothing to read unless the server spoke
// on its own, and what it says on its own is that it is closing the
// session (FATAL 57P01 after pg_terminate_backend, a restart, a failover,
// an idle-session timeout). The ping then fails, database/sql drops the
// connection and takes a fresh one, and the request never sees it.
// Looking costs a non-blocking system call, not a round trip.
func shouldPing(_ context.Context, p stdlib.ShouldPingParams) bool {
	if p.IdleDuration > time.Second {
		return true
	}
	return p.Conn == nil || p.Conn.PgConn() == nil || serverSpoke(p.Conn.PgConn().Conn())
}

// rawConn is the connection under TLS, if any.
func rawConn(c net.Conn) net.Conn {
	if t, ok := c.(*tls.Conn); ok {
		return t.NetConn()
	}
	return c
}
