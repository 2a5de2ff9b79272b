package knowledge_test

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/knowledge"
)

func ExampleStateTable_Lookup() {
	states := knowledge.States()
	for _, name := range []string{"U.S.", "us", "Holland", "Kiev", "Ivory Coast", "the Kremlin", "Burmese"} {
		m, ok := states.Lookup(name)
		if !ok {
			fmt.Printf("%-12s -\n", name)
			continue
		}
		fmt.Printf("%-12s %s (%s)\n", name, m.State.ISO3, m.Form)
	}
	m, _ := states.Lookup("Congo")
	fmt.Println("Congo", len(m.Candidates), "candidates:", m.Candidates[0].ISO3, m.Candidates[1].ISO3)
	// Output:
	// U.S.         USA (alias)
	// us           -
	// Holland      NLD (alias)
	// Kiev         UKR (capital)
	// Ivory Coast  CIV (alias)
	// the Kremlin  RUS (metonym)
	// Burmese      MMR (demonym)
	// Congo 2 candidates: COG COD
}

func ExampleOrgTable_Lookup() {
	for _, name := range []string{"WHO", "who", "Daesh", "the Associated Press"} {
		if m, ok := knowledge.Orgs().Lookup(name); ok {
			fmt.Println(name, "=>", m.Org.Name, m.Org.Sector)
		} else {
			fmt.Println(name, "=> -")
		}
	}
	// Output:
	// WHO => World Health Organization igo
	// who => -
	// Daesh => Islamic State armed_group
	// the Associated Press => Associated Press media
}

func ExampleMetonymTable_Lookup() {
	m, _ := knowledge.Metonyms().Lookup("Downing Street")
	fmt.Println(m.Country, m.Sector, m.Institution)
	// Output:
	// GBR government Office of the Prime Minister of the United Kingdom
}

func ExampleTitleTable_Prefix() {
	text := "Rear Adm. Jane Doe said"
	m, _ := knowledge.Titles().Prefix(text)
	fmt.Printf("%q is %s (%s); the name starts after byte %d\n", text[:m.End], m.Title.Canonical, m.Title.Sector, m.End)
	// Output:
	// "Rear Adm." is Rear Admiral (military); the name starts after byte 9
}

func ExampleRoleTable_Suffix() {
	text := "France's top diplomat"
	m, _ := knowledge.Roles().Suffix(text)
	fmt.Printf("%q: %s, %s\n", text[m.Start:], m.Role.Name, m.Role.Sector)
	// Output:
	// "top diplomat": foreign_minister, diplomacy
}
