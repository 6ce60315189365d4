package main

// Code generation, in order: entc (the ent client and graph/ent.graphql),
// then gqlgen (graph/generated and the resolver stubs), then the rewrite of
// gqlgen's list marshalling to package graph/serial.

//go:generate go run -mod=mod ./ent/entc.go
//go:generate go run -mod=mod github.com/99designs/gqlgen generate
//go:generate go run ./graph/serial/rewrite graph/generated
