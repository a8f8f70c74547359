// Package config reads the server's settings from environment variables.
package config

import (
	"time"

	"github.com/caarlos0/env/v11"
)

// Config is every setting, with the defaults a developer machine needs.
type Config struct {
	DatabaseURL     string        `env:"DATABASE_URL" envDefault:"postgres://postgres@127.0.0.1:5432/thidua?sslmode=disable"`
	DBPoolSize      int           `env:"DB_POOL_SIZE"` // connections at most; 0: store.DefaultPoolSize
	Addr            string        `env:"ADDR" envDefault:"127.0.0.1:8080"`
	OrgName         string        `env:"ORG_NAME" envDefault:"Viện kiểm sát nhân dân tối cao"`
	SessionLifetime time.Duration `env:"SESSION_LIFETIME" envDefault:"12h"`
	SessionIdle     time.Duration `env:"SESSION_IDLE_TIMEOUT" envDefault:"2h"`
	CookieSecure    bool          `env:"COOKIE_SECURE" envDefault:"false"` // set true behind HTTPS
	BcryptCost      int           `env:"BCRYPT_COST" envDefault:"11"`
	LogFormat       string        `env:"LOG_FORMAT" envDefault:"text"`   // text or json
	TrustProxy      bool          `env:"TRUST_PROXY" envDefault:"false"` // take the client IP from X-Forwarded-For
	// SignatureRoots is a PEM file of the root certificates a signed PDF's
	// signer must chain to (the national root CA); empty: none is trusted.
	SignatureRoots string `env:"SIGNATURE_ROOTS"`

	// Notifications by e-mail: off while SMTP_HOST is empty.
	SMTPHost       string        `env:"SMTP_HOST"`
	SMTPPort       int           `env:"SMTP_PORT" envDefault:"587"`
	SMTPUsername   string        `env:"SMTP_USERNAME"`
	SMTPPassword   string        `env:"SMTP_PASSWORD"`
	SMTPFrom       string        `env:"SMTP_FROM"`                       // the sender, e.g. "Thi đua <thidua@vks.gov.vn>"
	SMTPTLS        string        `env:"SMTP_TLS" envDefault:"starttls"`  // starttls, tls (port 465) or none
	PublicURL      string        `env:"PUBLIC_URL"`                      // the app's address, for links in e-mails
	NotifyInterval time.Duration `env:"NOTIFY_INTERVAL" envDefault:"1m"` // how often each server runs reminders and mail delivery
}

// Load reads the environment.
func Load() (Config, error) {
	return env.ParseAs[Config]()
}
