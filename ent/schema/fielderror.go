package schema

// FieldError is a validation failure found by a hook rather than by a
// single field's validator (dates in order, one funding target). The API
// reports it as BAD_USER_INPUT with the field named.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }
