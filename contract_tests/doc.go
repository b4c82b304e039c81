// Package contracttests holds the corpus of responses that api.iamport.kr
// really returned (or that PortOne's documentation shows), copied from the
// project's reference material with their provenance, and the tests that
// hold the OpenAPI description and the generated client against them.
//
// The corpus is embedded so that any test in the module can replay it
// without reading files outside the module.
//
// The checks themselves (Checker) are ordinary package code so that other
// parts of the module, such as the fake server, hold their own responses to
// the same rules instead of a copy of them.
package contracttests
