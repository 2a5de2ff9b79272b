package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Two articles name one person in full and by surname, and a second
// person shares nothing with the first: entities must meet across the
// articles and stay apart otherwise; show --entities marks the mentions.
func TestEntitiesCommand(t *testing.T) {
	a := "Finance Minister Helga Brandauer said on Monday that the budget would pass.\n\n" +
		"Brandauer told reporters in Vienna that Austria would not raise taxes. She added that talks with the European Union went well.\n"
	b := "Austrian officials met on Tuesday. Brandauer, the finance minister, rejected the plan proposed by Oskar Lindqvist.\n\n" +
		"Lindqvist said he was disappointed.\n"
	db := ingestTexts(t, map[string]string{"a.txt": a, "b.txt": b})
	r := cli(t, db, "", "entities", "--json")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	type ent struct {
		Kind     string
		Name     string
		Code     string
		Aliases  []string
		Mentions map[string]int
	}
	byName := map[string]ent{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var e ent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		byName[e.Name] = e
	}
	h, ok := byName["Helga Brandauer"]
	if !ok || h.Kind != "person" {
		t.Fatalf("no person Helga Brandauer in %s", r.stdout)
	}
	if len(h.Mentions) != 2 {
		t.Errorf("Helga Brandauer is mentioned in %d articles, want 2 (surname alone in the second): %+v", len(h.Mentions), h)
	}
	if o, ok := byName["Oskar Lindqvist"]; !ok || o.Kind != "person" {
		t.Errorf("no person Oskar Lindqvist in %s", r.stdout)
	}
	if at, ok := byName["Austria"]; !ok || at.Code != "AUT" || len(at.Mentions) != 2 {
		t.Errorf("Austria (and Austrian) should be state AUT in both articles: %+v", at)
	}
	r = cli(t, db, "", "entities", "--kind", "nonsense")
	if r.code != exitUsage {
		t.Errorf("bad --kind: exit %d, want %d", r.code, exitUsage)
	}
	r = cli(t, db, "", "show", "--entities", "@1")
	if r.code != 0 || !strings.Contains(r.stdout, "]{person ") {
		t.Errorf("show --entities marks no person: %+v", r)
	}
}
