// Package mail sends the app's notifications by SMTP, through
// github.com/wneessen/go-mail.
package mail

import (
	"context"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Settings is the SMTP server and the sender.
type Settings struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	From     string
	TLS      string // "starttls" (required, the default), "tls" (implicit, port 465) or "none"
	Timeout  time.Duration
}

// SMTP is an app.Mailer over an SMTP server. Each Send opens its own
// connection: notifications are few, and nothing is held between ticks.
type SMTP struct {
	s Settings
}

// New checks the settings and returns the mailer.
func New(s Settings) (*SMTP, error) {
	if s.Host == "" {
		return nil, fmt.Errorf("SMTP_HOST trống")
	}
	if s.From == "" {
		return nil, fmt.Errorf("SMTP_FROM trống: cần địa chỉ người gửi khi đã đặt SMTP_HOST")
	}
	switch s.TLS {
	case "", "starttls", "tls", "none":
	default:
		return nil, fmt.Errorf("SMTP_TLS “%s” không hợp lệ: dùng starttls, tls hoặc none", s.TLS)
	}
	if s.Timeout == 0 {
		s.Timeout = 30 * time.Second
	}
	// Check the sender once, at start-up.
	if err := gomail.NewMsg().From(s.From); err != nil {
		return nil, fmt.Errorf("SMTP_FROM không hợp lệ: %w", err)
	}
	return &SMTP{s: s}, nil
}

func (m *SMTP) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithTimeout(m.s.Timeout)}
	switch m.s.TLS {
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if m.s.Port != 0 {
		opts = append(opts, gomail.WithPort(m.s.Port))
	}
	if m.s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(m.s.Username), gomail.WithPassword(m.s.Password))
	}
	return gomail.NewClient(m.s.Host, opts...)
}

// Send sends one plain-text UTF-8 message.
func (m *SMTP) Send(ctx context.Context, to, subject, body string) error {
	msg := gomail.NewMsg()
	if err := msg.From(m.s.From); err != nil {
		return err
	}
	if err := msg.To(to); err != nil {
		return err
	}
	msg.Subject(subject)
	msg.SetBodyString(gomail.TypeTextPlain, body)
	c, err := m.client()
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}
