IAMPORT_API_URL = "https://api.iamport.kr/"

IMP_STATUS_ALL = "all"
IMP_STATUS_READY = "ready"
IMP_STATUS_PAID = "paid"
IMP_STATUS_CANCELED = "cancelled"
IMP_STATUS_FAILED = "failed"

IMP_SORTING_STARTED_DESC = "-started"
IMP_SORTING_STARTED_ASC = "started"
IMP_SORTING_PAID_DESC = "-paid"
IMP_SORTING_PAID_ASC = "paid"
IMP_SORTING_UPDATED_DESC = "-updated"
IMP_SORTING_UPDATED_ASC = "updated"

IMP_PG_INICIS_WEBSTD = "html5_inicis"  # INICIS 웹표준
IMP_PG_INICIS_ACTIVEX = "inicis"  # INICIS Active-X
IMP_PG_NHNKCP = "kcp"  # NHNKCP
IMP_PG_NHNKCP_SUBSCRIBE = "kcp_billing"  # NHN KCP 정기결제
IMP_PG_LGUPLUS = "uplus"  # LG U+
IMP_PG_NICEPAY = "nice"  # 나이스페이
IMP_PG_JTNET = "jtnet"  # JTNet
IMP_PG_KAKAOPAY = "kakao"  # 카카오페이
IMP_PG_DANAL_PHONE = "danal"  # 다날휴대폰소액결제
IMP_PG_DANAL_GENERAL = "danal_tpay"  # 다날일반결제
IMP_PG_MOBILIANS = "mobilians"  # 모빌리언휴대폰소액결제
IMP_PG_SYRUPPAY = "syrup"  # 시럽페이
IMP_PG_PAYCO = "payco"  # 페이코
IMP_PG_PAYPAL = "paypal"  # 페이팔
IMP_PG_EXIMBAY = "eximbay"  # 엑심베이
IMP_PG_NAVERPAY = "naverco"  # 네이버페이
