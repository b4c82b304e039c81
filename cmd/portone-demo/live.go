package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

type liveConfig struct {
	APIKey, APISecret string
	ImpUID            string // payment to look up; the latest paid one when empty
	BaseURL           string // https://api.iamport.kr when empty
}

// runLive does only read-only calls: a token, lookups, the breakdown and
// one page of a listing. It never prints the token or buyer data.
func runLive(ctx context.Context, w io.Writer, cfg liveConfig) error {
	client, err := wrapper.New(wrapper.Config{APIKey: cfg.APIKey, APISecret: cfg.APISecret, BaseURL: cfg.BaseURL})
	if err != nil {
		return err
	}
	host := cfg.BaseURL
	if host == "" {
		host = wrapper.DefaultBaseURL
	}
	r := &report{w: w}
	r.title("PortOne V1 demo, read-only lookups against %s", host)

	tok, err := client.GetToken(ctx, generated.GetTokenRequest{ImpKey: cfg.APIKey, ImpSecret: cfg.APISecret})
	if err != nil {
		return err
	}
	r.section("Token", "getToken: a token valid for another %s (server clock)", time.Duration(tok.ExpiredAt-tok.Now)*time.Second)

	impUID := cfg.ImpUID
	if impUID == "" {
		pg, err := client.GetPaymentsByStatus(ctx, generated.PaymentStatusFilterPaid, &generated.GetPaymentsByStatusParams{Limit: new(int32(1))})
		if err != nil {
			return err
		}
		if len(pg.List) == 0 {
			r.section("Payment", "no paid payment in the last 90 days; set PORTONE_IMP_UID to look one up")
			return nil
		}
		impUID = pg.List[0].ImpUID
		r.section("Payment", "PORTONE_IMP_UID not set: using the latest paid payment, %s", impUID)
	} else {
		r.section("Payment", "looking up PORTONE_IMP_UID %s", impUID)
	}

	p, err := client.GetPaymentByImpUID(ctx, impUID, nil)
	if err != nil {
		return err
	}
	r.section("Verify", "by imp_uid: %s, %s %s by %s via %s, %s cancelled", p.Status, won(p.Amount), p.Currency, p.PayMethod, p.PgProvider, won(p.CancelAmount))
	byOrder, err := client.GetPaymentByMerchantUIDAnyStatus(ctx, p.MerchantUID, nil)
	if err != nil {
		return err
	}
	r.more("by its merchant_uid: latest payment of the order is %s (%s)", byOrder.ImpUID, byOrder.Status)

	bal, err := client.BalanceByImpUID(ctx, impUID)
	var apiErr *wrapper.APIError
	switch {
	case errors.As(err, &apiErr):
		r.section("Balance", "not available for this payment (HTTP %d, code %d: %s); PortOne documents it for PAYCO", apiErr.HTTPStatus, apiErr.Code, apiErr.Message)
	case err != nil:
		return err
	default:
		r.section("Balance", "%s KRW = supply %s + VAT %s + tax-free %s", won(bal.Amount), won(bal.Primary.Supply), won(bal.Primary.Vat), won(bal.Primary.TaxFree))
	}

	pg, err := client.GetPaymentsByStatus(ctx, generated.PaymentStatusFilterPaid, &generated.GetPaymentsByStatusParams{Limit: new(int32(20))})
	if err != nil {
		return err
	}
	r.section("Listing", "paid payments of the last 90 days: %d in all, %d on page 1 (next page %d)", pg.Total, len(pg.List), pg.Next)
	fmt.Fprintln(w, "\nNothing was changed: the live mode never pays, prepares or cancels.")
	return nil
}
