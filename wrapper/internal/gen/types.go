package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// imports collects the packages the generated wrapper code must import,
// keyed by the name it refers to them with.
type imports map[string]string

// typeString spells a type expression of the generated package from the
// wrapper package's side: names declared there get the package qualifier,
// predeclared names stay, and qualified names (json.RawMessage,
// openapi_types.Date...) bring their import along.
func (s *goSource) typeString(e ast.Expr, imp imports) (string, error) {
	switch t := e.(type) {
	case *ast.Ident:
		if _, ok := s.types[t.Name]; ok {
			imp[s.pkg] = "" // filled in by the caller, which knows the module path
			return s.pkg + "." + t.Name, nil
		}
		if obj := types.Universe.Lookup(t.Name); obj != nil {
			if _, isType := obj.(*types.TypeName); isType {
				return t.Name, nil
			}
		}
		return "", fmt.Errorf("unknown type name %q", t.Name)
	case *ast.StarExpr:
		inner, err := s.typeString(t.X, imp)
		return "*" + inner, err
	case *ast.ArrayType:
		if t.Len != nil {
			return "", fmt.Errorf("fixed-size array types are not expected in generated code")
		}
		inner, err := s.typeString(t.Elt, imp)
		return "[]" + inner, err
	case *ast.MapType:
		k, err := s.typeString(t.Key, imp)
		if err != nil {
			return "", err
		}
		v, err := s.typeString(t.Value, imp)
		return "map[" + k + "]" + v, err
	case *ast.SelectorExpr:
		pkg, ok := t.X.(*ast.Ident)
		if !ok {
			return "", fmt.Errorf("unexpected qualified type")
		}
		path, ok := s.imports[pkg.Name]
		if !ok {
			return "", fmt.Errorf("type %s.%s: package %s is not imported by the generated code", pkg.Name, t.Sel.Name, pkg.Name)
		}
		imp[pkg.Name] = path
		return pkg.Name + "." + t.Sel.Name, nil
	case *ast.InterfaceType:
		if t.Methods == nil || len(t.Methods.List) == 0 {
			return "interface{}", nil
		}
		return "", fmt.Errorf("non-empty interface types are not expected in generated code")
	case *ast.StructType:
		var b strings.Builder
		b.WriteString("struct {\n")
		for _, f := range t.Fields.List {
			ft, err := s.typeString(f.Type, imp)
			if err != nil {
				return "", err
			}
			names := make([]string, len(f.Names))
			for i, n := range f.Names {
				names[i] = n.Name
			}
			b.WriteString(strings.Join(names, ", ") + " " + ft)
			if f.Tag != nil {
				b.WriteString(" " + f.Tag.Value)
			}
			b.WriteString("\n")
		}
		b.WriteString("}")
		return b.String(), nil
	default:
		return "", fmt.Errorf("unsupported type expression %T", e)
	}
}
