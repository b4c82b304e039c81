package fake_test

import (
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
)

func TestOperationsCoverTheSpec(t *testing.T) {
	ops, err := fake.Operations()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, op := range ops {
		if seen[op.ID] {
			t.Errorf("operation %s listed twice", op.ID)
		}
		seen[op.ID] = true
	}
	for _, id := range []string{"getToken", "getPaymentByImpUid", "cancelPayment", "preparePayment", "getPaymentsByStatus"} {
		if !seen[id] {
			t.Errorf("%s missing from Operations", id)
		}
	}
}
