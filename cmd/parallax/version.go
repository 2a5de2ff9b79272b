package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func runVersion(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "version", "", "Prints the version of parallax, of Go it was built with, and of the store schema it writes.")
	asJSON := jsonFlag(fs)
	if _, code := parse(fs, e, args); code >= 0 {
		return code
	}
	v := struct {
		Version string `json:"version"`
		Go      string `json:"go"`
		OS      string `json:"os"`
		Arch    string `json:"arch"`
		Schema  int    `json:"schema"`
	}{buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH, sqlite.SchemaVersion()}
	if *asJSON {
		_ = json.NewEncoder(e.stdout).Encode(v)
		return exitOK
	}
	fmt.Fprintf(e.stdout, "parallax %s (%s %s/%s, store schema v%d)\n", v.Version, v.Go, v.OS, v.Arch, v.Schema)
	return exitOK
}
