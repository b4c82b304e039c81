package fake_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// Bank and card code tables through the wrapper: every code the list
// answers is found by the single lookup under the same name, and a code
// the list lacks is 404 code -1.
func TestScenarioCodeTables(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()

	for name, tc := range map[string]struct {
		list   func(context.Context, ...wrapper.CallOption) ([]generated.StandardCode, error)
		one    func(context.Context, string, ...wrapper.CallOption) (*generated.StandardCode, error)
		sample map[string]string // code -> name, from the sources in codes.go
	}{
		"banks": {c.AllBankCodes, c.BankCodes, map[string]string{"004": "KB국민은행", "088": "신한은행", "090": "카카오뱅크"}},
		"cards": {c.AllCardCodes, c.CardCodes, map[string]string{"361": "BC", "366": "신한", "041": "우리"}},
	} {
		all, err := tc.list(ctx)
		if err != nil || len(all) < 20 {
			t.Fatalf("%s: list: %d entries, %v", name, len(all), err)
		}
		seen := map[string]string{}
		for _, e := range all {
			if _, dup := seen[e.Code]; dup || len(e.Code) != 3 {
				t.Errorf("%s: code %q listed twice or not three digits", name, e.Code)
			}
			seen[e.Code] = e.Name
			one, err := tc.one(ctx, e.Code)
			if err != nil || one.Code != e.Code || one.Name != e.Name {
				t.Errorf("%s: %s listed as %q, looked up as %+v %v", name, e.Code, e.Name, one, err)
			}
		}
		for code, want := range tc.sample {
			if seen[code] != want {
				t.Errorf("%s: %s is %q, want %q", name, code, seen[code], want)
			}
		}
		_, err = tc.one(ctx, "999")
		var apiErr *wrapper.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound || apiErr.Code != -1 {
			t.Errorf("%s: unknown code: want 404 code -1, got %v", name, err)
		}
	}
}

func TestScenarioMerchantSettings(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	var apiErr *wrapper.APIError

	holder, err := c.GetVbankHolder(ctx, &generated.GetVbankHolderParams{BankCode: "004", BankNum: "12345678901234"})
	if err != nil || holder.BankHolder != fake.DefaultAccountHolder {
		t.Fatalf("holder: %+v %v", holder, err)
	}
	if _, err := c.GetVbankHolder(ctx, &generated.GetVbankHolderParams{BankCode: "999", BankNum: "1"}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound {
		t.Fatalf("holder at an unknown bank: want 404, got %v", err)
	}

	if _, err := c.GetTier(ctx, "AB1"); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound || apiErr.Code != -1 {
		t.Fatalf("unknown tier: want 404 code -1, got %v", err)
	}
	if st := h.control("POST", "/__fake/tiers", `{"tier_code":"AB1","tier_name":"강남점"}`, nil); st != http.StatusOK {
		t.Fatalf("register tier: %d", st)
	}
	if st := h.control("POST", "/__fake/tiers", `{"tier_code":"ab","tier_name":"x"}`, nil); st != http.StatusBadRequest {
		t.Fatalf("invalid tier code: want 400, got %d", st)
	}
	tier, err := c.GetTier(ctx, "AB1")
	if err != nil || tier.TierName != "강남점" {
		t.Fatalf("tier: %+v %v", tier, err)
	}

	pg, err := c.GetPgSettingList(ctx)
	if err != nil || len(pg) != 2 || pg[0].PgProvider != "html5_inicis" || pg[1].PgProvider != "kcp_quick" {
		t.Fatalf("default PG settings: %+v %v", pg, err)
	}
	if st := h.control("PUT", "/__fake/pg-settings", `[{"pg_provider":"kcp","pg_id":"T0000","sandbox":true,"type":"payment"},
		{"pg_provider":"danal","pg_id":"A010002002","sandbox":false,"type":"certification"}]`, nil); st != http.StatusOK {
		t.Fatalf("replace PG settings: %d", st)
	}
	pg, err = c.GetPgSettingList(ctx)
	if err != nil || len(pg) != 2 || pg[1].Type != "certification" || pg[1].ChannelKey != nil {
		t.Fatalf("replaced PG settings: %+v %v", pg, err)
	}
}

// Tiers and PG settings given in Config, without any control.
func TestMerchantSettingsFromConfig(t *testing.T) {
	srv, err := fake.Start(fake.Config{
		Tiers:      []generated.Tier{{TierCode: "X01", TierName: "판교점"}},
		PgSettings: []generated.PgSetting{},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := wrapper.New(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	if tier, err := c.GetTier(context.Background(), "X01"); err != nil || tier.TierName != "판교점" {
		t.Fatalf("configured tier: %+v %v", tier, err)
	}
	if pg, err := c.GetPgSettingList(context.Background()); err != nil || len(pg) != 0 {
		t.Fatalf("configured empty PG settings: %+v %v", pg, err)
	}
}
