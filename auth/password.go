package auth

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/shyraq/birge/apierror"
)

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, one
// lane). Hashes record their parameters, so raising them later keeps old
// hashes valid.
type argonParams struct {
	memory  uint32 // KiB
	time    uint32
	threads uint8
}

var params = argonParams{memory: 19 * 1024, time: 2, threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

// HashPassword hashes password with argon2id and a random salt, in the PHC
// string format: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func HashPassword(password string) (string, error) {
	if len(password) > 4096 {
		return "", errors.New("auth: password too long to hash")
	}
	salt := randomBytes(saltLen)
	p := params
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

func mustHash(password string) string {
	h, err := HashPassword(password)
	if err != nil {
		panic(err)
	}
	return h
}

// VerifyPassword reports whether password matches hash, a string made by
// HashPassword. The comparison takes constant time; a malformed hash
// matches nothing.
func VerifyPassword(hash, password string) bool {
	p, salt, key, ok := parseHash(hash)
	if !ok || len(password) > 4096 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// parseHash splits a PHC argon2id string, refusing parameters out of
// reasonable bounds (so that a corrupt row cannot exhaust memory).
func parseHash(hash string) (p argonParams, salt, key []byte, ok bool) {
	parts := strings.Split(hash, "$")
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, nil, nil, false
	}
	if p.memory < 8 || p.memory > 1<<20 || p.time < 1 || p.time > 20 || p.threads < 1 || p.threads > 16 {
		return p, nil, nil, false
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, false
	}
	key, err = enc.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, false
	}
	return p, salt, key, true
}

// Password length limits, in characters.
const (
	minPasswordChars = 10
	maxPasswordChars = 200
)

// ValidatePassword checks that password is acceptable for the account with
// email: at least 10 and at most 200 characters, not the email address, not
// one character repeated, and not one of the most common passwords. It
// returns a BAD_USER_INPUT error with a message for the person choosing it.
func ValidatePassword(password, email string) error {
	if !utf8.ValidString(password) {
		return apierror.Input("password: must be valid text")
	}
	n := utf8.RuneCountInString(password)
	if n < minPasswordChars {
		return apierror.Input("password: must be at least %d characters", minPasswordChars)
	}
	if n > maxPasswordChars {
		return apierror.Input("password: must be at most %d characters", maxPasswordChars)
	}
	lower := strings.ToLower(strings.TrimSpace(password))
	if e := normalizeEmail(email); e != "" {
		local, _, _ := strings.Cut(e, "@")
		if lower == e || lower == local {
			return apierror.Input("password: must not be your email address")
		}
	}
	first, _ := utf8.DecodeRuneInString(password)
	if strings.Trim(password, string(first)) == "" {
		return apierror.Input("password: must not be one character repeated")
	}
	if _, common := commonPasswords[lower]; common {
		return apierror.Input("password: is too common and easy to guess; choose another")
	}
	return nil
}

// commonPasswords are very common passwords of 10 or more characters
// (shorter ones are refused anyway), in lower case, including
// Russian-keyboard and transliterated ones.
var commonPasswords = func() map[string]struct{} {
	list := []string{
		"0123456789", "1234567890", "0987654321", "9876543210", "12345678910",
		"123456789a", "a123456789", "123456789q", "q123456789", "1234567890a",
		"1234554321", "1234512345", "1122334455", "1212121212", "1231231231",
		"123123123123", "123456123456", "qwertyuiop", "qwertyuiop123", "qwerty1234",
		"qwerty12345", "qwerty123456", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4t5",
		"q1w2e3r4t5y6", "1qaz2wsx3edc", "qazwsxedc123", "qazwsxedcrfv", "zaq12wsxcde3",
		"zxcvbnm123", "asdfghjkl1", "asdfghjkl123", "abcdefghij", "abc1234567",
		"abcd123456", "password12", "password123", "password1234", "password12345",
		"passw0rd123", "passwordpassword", "p@ssw0rd123", "iloveyou12", "iloveyou123",
		"welcome123", "welcome1234", "letmein123", "changeme123", "administrator",
		"admin12345", "admin123456", "qwerty123!", "sunshine123", "football123",
		"monkey1234", "dragon1234", "princess123", "baseball123", "superman123",
		"йцукенгшщз", "йцукенгшщзхъ", "пароль1234", "пароль12345", "пароль123456",
		"parol12345", "parol123456", "almaty2024", "almaty2025", "almaty12345",
		"kazakhstan", "kazakhstan1", "kazakhstan123", "qazaqstan1", "birge12345",
		"birgebirge", "shyraq1234", "shyraq12345",
	}
	m := make(map[string]struct{}, len(list))
	for _, p := range list {
		m[p] = struct{}{}
	}
	return m
}()
