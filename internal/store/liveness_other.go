//go:build !unix

package store

import "net"

// serverSpoke cannot look at the socket here: ping every time.
func serverSpoke(net.Conn) bool { return true }
