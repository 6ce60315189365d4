// Package birge is the root of the Birge community directory. This file
// holds only the code generation steps, in order: entc, then gqlgen.
package birge

//go:generate go run -mod=mod ./ent/entc.go
//go:generate go run -mod=mod github.com/99designs/gqlgen generate
