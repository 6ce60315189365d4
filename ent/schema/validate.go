package schema

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// text returns a validator for a required, trimmed text of at most max
// characters. Messages are written for the person filling in a form.
func text(max int) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("must not be empty")
		}
		return maxChars(max)(s)
	}
}

// maxChars returns a validator for an optional text of at most max characters.
func maxChars(max int) func(string) error {
	return func(s string) error {
		if !utf8.ValidString(s) {
			return fmt.Errorf("must be valid UTF-8 text")
		}
		if n := utf8.RuneCountInString(s); n > max {
			return fmt.Errorf("must be at most %d characters (got %d)", max, n)
		}
		return nil
	}
}

// webAddress validates an optional http(s) address.
func webAddress(s string) error {
	if s == "" {
		return nil
	}
	if err := maxChars(300)(s); err != nil {
		return err
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("must be a web address starting with http:// or https://")
	}
	return nil
}

// slug validates a tag's stable key: lower-case latin letters, digits and dashes.
func slug(s string) error {
	if s == "" || len(s) > 60 {
		return fmt.Errorf("must be 1 to 60 characters")
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return fmt.Errorf("may contain only a-z, 0-9 and '-'")
		}
	}
	return nil
}

// LookingFor lists what a person may look for in peers.
var LookingFor = []string{"FRIENDS", "STUDY", "WORK", "SPORT", "CREATIVITY", "VOLUNTEERING", "MENTORING"}

// lookingFor validates a person's "looking for" list.
func lookingFor(vals []string) error {
	if len(vals) > len(LookingFor) {
		return fmt.Errorf("must have at most %d entries", len(LookingFor))
	}
	for _, v := range vals {
		ok := false
		for _, w := range LookingFor {
			ok = ok || v == w
		}
		if !ok {
			return fmt.Errorf("%q is not one of %s", v, strings.Join(LookingFor, ", "))
		}
	}
	return nil
}
