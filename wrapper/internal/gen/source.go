package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// goSource is the parsed oapi-codegen output: the declarations the wrapper
// refers to, by their Go names.
type goSource struct {
	pkg     string                   // package name, "generated"
	types   map[string]*ast.TypeSpec // every top-level type
	methods map[string]*ast.FuncType // methods of ClientInterface
	imports map[string]string        // local name -> import path
}

func parseGoSource(files []goFile) (*goSource, error) {
	s := &goSource{
		types:   map[string]*ast.TypeSpec{},
		methods: map[string]*ast.FuncType{},
		imports: map[string]string{},
	}
	fset := token.NewFileSet()
	for _, file := range files {
		f, err := parser.ParseFile(fset, file.Name, file.Src, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", file.Name, err)
		}
		if s.pkg != "" && s.pkg != f.Name.Name {
			return nil, fmt.Errorf("%s: package %s, but %s before it", file.Name, f.Name.Name, s.pkg)
		}
		s.pkg = f.Name.Name
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			s.imports[name] = p
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				s.types[ts.Name.Name] = ts
			}
		}
	}
	iface, ok := s.types["ClientInterface"]
	if !ok {
		return nil, fmt.Errorf("no ClientInterface in %d files: is it oapi-codegen client output?", len(files))
	}
	it, ok := iface.Type.(*ast.InterfaceType)
	if !ok {
		return nil, fmt.Errorf("ClientInterface is not an interface")
	}
	for _, m := range it.Methods.List {
		ft, ok := m.Type.(*ast.FuncType)
		if !ok || len(m.Names) != 1 {
			continue
		}
		s.methods[m.Names[0].Name] = ft
	}
	return s, nil
}

// normalize folds an operationId or Go name to compare them the way
// oapi-codegen converts one into the other (case and separators dropped).
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// methodFor finds the ClientInterface method oapi-codegen generated for an
// operationId: the one taking a JSON body when the operation has a body,
// never the WithBody (any content type) form.
func (s *goSource) methodFor(operationID string) (string, *ast.FuncType, error) {
	var found []string
	for name := range s.methods {
		if normalize(name) == normalize(operationID) {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 1:
		return found[0], s.methods[found[0]], nil
	case 0:
		for name := range s.methods {
			if normalize(name) == normalize(operationID+"WithBody") {
				return "", nil, fmt.Errorf("only %s exists: the request body has no application/json form", name)
			}
		}
		return "", nil, fmt.Errorf("no method in ClientInterface: is generated/ stale? run `make generate`")
	default:
		return "", nil, fmt.Errorf("several methods match: %v", found)
	}
}

// structField returns the field of struct type typeName whose JSON name is
// jsonName.
func (s *goSource) structField(typeName, jsonName string) (*ast.Field, error) {
	st, err := s.structType(typeName)
	if err != nil {
		return nil, err
	}
	for _, f := range st.Fields.List {
		if f.Tag == nil || len(f.Names) != 1 {
			continue
		}
		tag, _ := strconv.Unquote(f.Tag.Value)
		name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
		if name == jsonName {
			return f, nil
		}
	}
	return nil, fmt.Errorf("type %s has no field with JSON name %q", typeName, jsonName)
}

func (s *goSource) structType(typeName string) (*ast.StructType, error) {
	ts, ok := s.types[typeName]
	if !ok {
		return nil, fmt.Errorf("type %s is not declared in package %s", typeName, s.pkg)
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return nil, fmt.Errorf("type %s is not a struct", typeName)
	}
	return st, nil
}

// fieldNamed returns the Go field called name in struct type typeName, or
// nil.
func (s *goSource) fieldNamed(typeName, name string) *ast.Field {
	st, err := s.structType(typeName)
	if err != nil {
		return nil
	}
	for _, f := range st.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == name {
			return f
		}
	}
	return nil
}

// resolve follows aliases and named types declared in the package down to
// the type expression they stand for (one level of `type A = B` at a time).
func (s *goSource) resolve(e ast.Expr) ast.Expr {
	for i := 0; i < 16; i++ {
		id, ok := e.(*ast.Ident)
		if !ok {
			return e
		}
		ts, ok := s.types[id.Name]
		if !ok {
			return e
		}
		if _, isStruct := ts.Type.(*ast.StructType); isStruct {
			return e
		}
		e = ts.Type
	}
	return e
}
