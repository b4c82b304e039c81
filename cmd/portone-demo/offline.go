package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

const (
	demoOrder  = "demo-order-0001"
	demoAmount = 39000.0
	demoCancel = 9000.0
)

// runOffline runs the whole flow against an in-process fake server. The
// only step the fake stands in for is the buyer paying in the browser
// (SeedPayment); everything else goes through the wrapper as it would in
// production.
func runOffline(ctx context.Context, w io.Writer) error {
	srv, err := fake.Start(fake.Config{})
	if err != nil {
		return err
	}
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()})
	if err != nil {
		return err
	}
	r := &report{w: w}
	r.title("PortOne V1 demo, offline against the fake server at %s\n"+
		"(set PORTONE_API_KEY and PORTONE_API_SECRET to run the read-only lookups against the real API)", srv.URL())

	tok, err := client.GetToken(ctx, generated.GetTokenRequest{ImpKey: srv.APIKey(), ImpSecret: srv.APISecret()})
	if err != nil {
		return err
	}
	r.section("Token", "getToken issued an access token valid for %s (the wrapper gets and renews it by itself)",
		time.Duration(tok.ExpiredAt-tok.Now)*time.Second)

	if _, err := client.PreparePayment(ctx, generated.PreparePaymentRequest{MerchantUID: demoOrder, Amount: demoAmount}); err != nil {
		return err
	}
	r.section("Prepare", "registered %s KRW for order %s: the payment window refuses any other amount", won(demoAmount), demoOrder)

	// In production the buyer pays in the browser (IMP.request_pay) and the
	// front end hands imp_uid to the server; the fake lets us play the buyer.
	seeded, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{
		MerchantUID: demoOrder, Amount: demoAmount, Name: new("당근 10kg"),
	}})
	if err != nil {
		return err
	}
	r.section("Payment", "the buyer paid by card in the payment window: imp_uid %s", seeded.ImpUID)

	byImp, err := client.GetPaymentByImpUID(ctx, seeded.ImpUID, nil)
	if err != nil {
		return err
	}
	verdict := "matches the order: ship it"
	if byImp.Status != generated.PaymentStatusPaid || byImp.Amount != demoAmount {
		verdict = "DOES NOT match the order: do not ship"
	}
	r.section("Verify", "by imp_uid: %s, %s %s by %s via %s, %s", byImp.Status, won(byImp.Amount), byImp.Currency, byImp.PayMethod, byImp.PgProvider, verdict)
	byOrder, err := client.GetPaymentByMerchantUIDAnyStatus(ctx, demoOrder, nil)
	if err != nil {
		return err
	}
	r.more("by merchant_uid %s: the same payment (%s)", demoOrder, byOrder.ImpUID)

	balance := byImp.Amount - byImp.CancelAmount
	cancelled, err := client.CancelPayment(ctx, generated.CancelPaymentRequest{
		ImpUID: &byImp.ImpUID, Amount: new(demoCancel), Checksum: &balance, Reason: new("한 상자 품절"),
	})
	if err != nil {
		return err
	}
	r.section("Cancel", "partial cancel of %s KRW with checksum %s: cancelled %s so far, %s still refundable, status %s",
		won(demoCancel), won(balance), won(cancelled.CancelAmount), won(cancelled.Amount-cancelled.CancelAmount), cancelled.Status)
	_, err = client.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &byImp.ImpUID, Amount: new(demoCancel), Checksum: &balance})
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Errorf("a cancel with a stale checksum should have been refused, got %v", err)
	}
	r.more("the same cancel sent again with the stale checksum is refused (HTTP %d, code %d: %s)", apiErr.HTTPStatus, apiErr.Code, apiErr.Message)

	bal, err := client.BalanceByImpUID(ctx, byImp.ImpUID)
	if err != nil {
		return err
	}
	r.section("Balance", "%s KRW left = supply %s + VAT %s + tax-free %s (%d history entries)",
		won(bal.Amount), won(bal.Primary.Supply), won(bal.Primary.Vat), won(bal.Primary.TaxFree), len(bal.Histories))

	for i := range 25 { // other orders of the day
		if _, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{MerchantUID: fmt.Sprintf("demo-order-%04d", i+2), Amount: float64(1000 * (i + 1))}}); err != nil {
			return err
		}
	}
	return listByStatus(ctx, r, client, 10)
}

// listByStatus pages through the paid payments of the last 90 days.
func listByStatus(ctx context.Context, r *report, client *wrapper.Client, perPage int32) error {
	var counts []string
	total, sum := 0, 0.0
	for page := int32(1); page != 0; {
		pg, err := client.GetPaymentsByStatus(ctx, generated.PaymentStatusFilterPaid,
			&generated.GetPaymentsByStatusParams{Page: &page, Limit: &perPage})
		if err != nil {
			return err
		}
		for _, p := range pg.List {
			sum += p.Amount - p.CancelAmount
		}
		total = int(pg.Total)
		counts = append(counts, fmt.Sprintf("page %d: %d", page, len(pg.List)))
		page = pg.Next
		if len(counts) == 3 && page != 0 {
			counts = append(counts, "...")
			break
		}
	}
	r.section("Listing", "paid payments of the last 90 days, %d per page: %s", perPage, strings.Join(counts, ", "))
	r.more("%d paid payments in all; %s KRW net on the pages shown", total, won(sum))
	return nil
}
