package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/config"
	"thidua/internal/errs"
	"thidua/internal/seed"
	"thidua/internal/store"
)

func seedCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := newFlags("seed")
	demo := fs.Bool("demo", false, "load the demo data set")
	scale := fs.String("scale", "", "national or small: a generated sector for load tests")
	seedNo := fs.Uint64("seed", 1, "the generator's seed number (with --scale)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *demo == (*scale != "") {
		return fmt.Errorf("cú pháp: thidua seed --demo | thidua seed --scale national|small [--seed N]")
	}
	a, s, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if *scale != "" {
		return seedNational(ctx, a, s, *scale, *seedNo, stdout)
	}
	if err := seed.Demo(ctx, s, a.Hasher, a.Now()); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "demo data loaded; accounts (password "+seed.DemoPassword+"):")
	for _, u := range seed.DemoUsers {
		fmt.Fprintf(stdout, "  %-16s %s\n", u.Username, u.Purpose)
	}
	return demoWindow(ctx, a, s, stdout)
}

// demoWindow says until when the demo's year takes self-assessments: the
// demo is laid out around the day it was first loaded, so a database
// loaded weeks ago may have closed its window.
func demoWindow(ctx context.Context, a *app.App, s *store.Store, stdout io.Writer) error {
	sch, err := seed.DemoSchedule(a.Now())
	if err != nil {
		return err
	}
	y, err := s.Year(ctx, sch.Year)
	if errs.CodeOf(err) == errs.NotFound {
		fmt.Fprintf(stdout, "the demo was loaded in an earlier year: for a year in progress, load it into a new database (dropdb thidua && make run)\n")
		return nil
	} else if err != nil {
		return err
	}
	if d := y.SelfAssessmentDeadline; d != nil {
		fmt.Fprintf(stdout, "year %d takes self-assessments until %s", sch.Year, d.Format("02/01/2006"))
		if !d.AddDate(0, 0, 1).After(sch.Today) {
			fmt.Fprint(stdout, " (closed: the demo was loaded earlier; for an open window, load it into a new database: dropdb thidua && make run)")
		}
		fmt.Fprintln(stdout)
	}
	return nil
}

func userCmd(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("cú pháp: thidua user add --username U --name \"Họ tên\" --role ROLE [--unit CODE] [--password P]")
	}
	fs := newFlags("user add")
	username := fs.String("username", "", "")
	name := fs.String("name", "", "")
	role := fs.String("role", "", "")
	unit := fs.String("unit", "", "")
	password := fs.String("password", "", "")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *password == "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return err
		}
		*password = strings.TrimRight(line, "\r\n")
	}
	a, s, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	in := app.UserInput{Username: *username, FullName: *name, Role: *role, Password: *password}
	if *unit != "" {
		u, err := s.UnitByCode(ctx, *unit)
		if err != nil {
			return err
		}
		in.UnitID = &u.ID
	}
	u, err := a.CreateUser(ctx, auth.System, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created user %s (%s)\n", u.Username, auth.Role(u.Role).Label())
	return nil
}

func tokenCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("cú pháp: thidua token create --user U [--name N] [--ttl 720h]")
	}
	fs := newFlags("token create")
	user := fs.String("user", "", "")
	name := fs.String("name", "", "")
	ttl := fs.Duration("ttl", 0, "")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *user == "" {
		return fmt.Errorf("cần --user")
	}
	a, s, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	token, err := a.CreateToken(ctx, auth.System, *user, *name, *ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, token)
	if *ttl > 0 {
		fmt.Fprintf(os.Stderr, "token for %s, valid until %s\n", *user, a.Now().Add(*ttl).Format("02/01/2006 15:04"))
	}
	return nil
}
