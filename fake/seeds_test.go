package fake_test

import (
	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func seedCard(merchantUID string, amount float64) fake.Seed {
	return fake.Seed{Payment: generated.Payment{MerchantUid: merchantUID, Amount: amount, Name: ptr("테스트 주문")}}
}

func seedVbank(merchantUID string, amount float64, noticeURL string) fake.Seed {
	return fake.Seed{
		Payment:   generated.Payment{MerchantUid: merchantUID, Amount: amount, PayMethod: "vbank", Status: generated.PaymentStatusReady},
		NoticeURL: noticeURL,
	}
}
