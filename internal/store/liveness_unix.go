//go:build unix

package store

import (
	"net"
	"syscall"
)

// serverSpoke reports whether c's socket holds unread bytes or its end,
// without reading them or waiting. When that cannot be told, it says
// true, so the connection is pinged.
func serverSpoke(c net.Conn) bool {
	sc, ok := rawConn(c).(syscall.Conn)
	if !ok {
		return true
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	spoke := true
	// Control, not Read: Read takes the descriptor's read lock, which
	// pgconn's background reader may hold while it waits for bytes, and
	// would wait with it. A peek that does not block needs no lock.
	err = raw.Control(func(fd uintptr) {
		var b [1]byte
		n, _, rerr := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		// n > 0: bytes waiting; n == 0 without error: the server closed it;
		// EAGAIN: nothing to read, the connection is quiet.
		spoke = n > 0 || n == 0 && rerr == nil || rerr != nil && rerr != syscall.EAGAIN && rerr != syscall.EWOULDBLOCK
	})
	return spoke || err != nil
}
