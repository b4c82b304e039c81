"""PortOne's Python client (iamport-rest-client-python, third_party/), unchanged,
against a started portone-fake: every method of its Iamport class. JSON
bodies, `Authorization: <token>` without Bearer, requests' params.

    python3 iamport_rest_client_python.py http://127.0.0.1:PORT

Each call prints ok, FAIL, or known-client / known-unsettled (a failure with
the given text, explained in KNOWN); a known call that passes fails the run.
The last line is "N passed, N failed".
"""
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "third_party", "iamport-rest-client-python"))

from iamport import Iamport  # noqa: E402

BASE = sys.argv[1].rstrip("/")
KEY, SECRET = "fake_imp_key", "fake_imp_secret"

KNOWN = {
    "find_by_status paid": {
        "who": "client",
        "err": "got an unexpected keyword argument 'params'",
        "why": "find_by_status calls self._get(url, params=params), and _get's parameter is named payload "
               "(iamport/client.py): a TypeError before any request, against any server",
    },
}

passed = failed = known = 0


def check(name, f):
    global passed, failed, known
    fault = KNOWN.get(name)
    try:
        f()
    except Exception as e:  # noqa: BLE001 (a check reports whatever went wrong)
        text = "%s: %s" % (type(e).__name__, e)
        if isinstance(e, (Iamport.ResponseError,)):
            text += " code=%s message=%s" % (e.code, e.message)
        if isinstance(e, (Iamport.HttpError,)):
            text += " http=%s %s" % (e.code, e.reason)
        if fault and fault["err"] in text:
            passed += 1
            known += 1
            print("known-%s %s: %s\n    why: %s" % (fault["who"], name, text, fault["why"]))
        else:
            failed += 1
            print("FAIL %s: %s" % (name, text))
        return
    if fault:
        failed += 1
        print("FAIL %s: passes now, but KNOWN lists it (%s): drop it from the list" % (name, fault["why"]))
    else:
        passed += 1
        print("ok %s" % name)


def want(ok, what):
    if not ok:
        raise AssertionError(what)


def raises(kind, f, test=lambda e: True):
    try:
        f()
    except kind as e:
        want(test(e), "raised %s %s" % (type(e).__name__, vars(e)))
        return
    raise AssertionError("no %s raised" % kind.__name__)


def post(path, body):
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as res:
        env = json.load(res)
    if env["code"] != 0:
        raise RuntimeError("%s: %s" % (path, env))
    return env["response"]


def seed(**payment):
    """A payment stored through the fake's control (not in the spec)."""
    return post("/__fake/payments", payment)["imp_uid"]


imp1 = seed(merchant_uid="py-order-1", amount=39000, buyer_name="홍길동")
seed(merchant_uid="py-order-2", amount=1000)
vbank = None
iamport = Iamport(imp_key=KEY, imp_secret=SECRET, imp_url=BASE + "/")

check("find by imp_uid (and getToken)", lambda: want(iamport.find(imp_uid=imp1)["amount"] == 39000, "amount"))
check("a wrong secret: HttpError 401", lambda: raises(
    Iamport.HttpError, lambda: Iamport(KEY, "wrong", BASE + "/").find(imp_uid=imp1), lambda e: e.code == 401))
check("find of an unknown imp_uid: HttpError 404", lambda: raises(
    Iamport.HttpError, lambda: iamport.find(imp_uid="test"), lambda e: e.code == 404))
check("find by merchant_uid", lambda: want(iamport.find(merchant_uid="py-order-1")["imp_uid"] == imp1, "imp_uid"))
check("find_by_merchant_uid paid", lambda: want(
    iamport.find_by_merchant_uid("py-order-1", status="paid")["imp_uid"] == imp1, "imp_uid"))
check("find_by_merchant_uid cancelled: HttpError 404", lambda: raises(
    Iamport.HttpError, lambda: iamport.find_by_merchant_uid("py-order-1", status="cancelled"), lambda e: e.code == 404))
check("find of a merchant_uid with non-ASCII letters: HttpError 404", lambda: raises(
    Iamport.HttpError, lambda: iamport.find(merchant_uid="âàáaā"), lambda e: e.code == 404))
check("find_by_status paid", lambda: want(iamport.find_by_status("paid", limit=10)["total"] == 2, "total"))
check("is_paid", lambda: want(iamport.is_paid(39000, imp_uid=imp1) and not iamport.is_paid(3900, imp_uid=imp1), "is_paid"))

check("prepare", lambda: want(iamport.prepare(merchant_uid="py-prepared-1", amount=12000)["amount"] == 12000, "amount"))
check("prepare_validate", lambda: want(
    iamport.prepare_validate("py-prepared-1", 12000) and not iamport.prepare_validate("py-prepared-1", 1200), "validate"))

check("cancel partial, checksum = balance", lambda: want(
    iamport.cancel("partial", imp_uid=imp1, amount=9000, checksum=39000)["cancel_amount"] == 9000, "cancel_amount"))
check("cancel again with the stale checksum: ResponseError code 1", lambda: raises(
    Iamport.ResponseError, lambda: iamport.cancel("again", imp_uid=imp1, amount=9000, checksum=39000), lambda e: e.code == 1))
check("cancel_by_merchant_uid, the rest", lambda: want(
    iamport.cancel_by_merchant_uid("py-order-1", "rest", checksum=30000)["status"] == "cancelled", "status"))
check("cancel of an unknown imp_uid: ResponseError code 1 (its test_cancel.py)", lambda: raises(
    Iamport.ResponseError, lambda: iamport.cancel("reason", imp_uid="nothing"),
    lambda e: e.code == 1 and e.message == "취소할 결제건이 존재하지 않습니다."))

cust = "py-customer-1"
check("customer_create (no pg)", lambda: want(iamport.customer_create(
    customer_uid=cust, card_number="4092-0230-1234-1234", expiry="2030-12", birth="880101", pwd_2digit="00")["customer_uid"] == cust, "uid"))
check("customer_get", lambda: want(iamport.customer_get(cust)["customer_uid"] == cust, "uid"))
check("customer_get of an unknown key: ResponseError (its test_customer_get.py)", lambda: raises(
    Iamport.ResponseError, lambda: iamport.customer_get("000000"),
    lambda e: e.message == "요청하신 customer_uid(000000)로 등록된 정보를 찾을 수 없습니다."))
check("pay_onetime", lambda: want(iamport.pay_onetime(
    merchant_uid="py-onetime-1", amount=5000, card_number="4092-0230-1234-5678", expiry="2030-12", birth="880101",
    pwd_2digit="00")["status"] == "paid", "status"))
check("pay_again (no name)", lambda: want(
    iamport.pay_again(customer_uid=cust, merchant_uid="py-again-1", amount=7000)["amount"] == 7000, "amount"))
check("pay_again of an unknown customer: ResponseError code 1 (its test_pay_again.py)", lambda: raises(
    Iamport.ResponseError, lambda: iamport.pay_again(customer_uid="00000000", merchant_uid="py-again-2", amount=5000),
    lambda e: e.code == 1 and e.message == "등록되지 않은 구매자입니다."))

at = int(time.time()) + 2 * 86400
check("pay_schedule two (no currency)", lambda: want(len(iamport.pay_schedule(customer_uid=cust, schedules=[
    {"merchant_uid": "py-sched-1", "schedule_at": at, "amount": 8000, "name": "next month"},
    {"merchant_uid": "py-sched-2", "schedule_at": at + 86400, "amount": 8000, "name": "month after"},
])) == 2, "two"))
check("pay_schedule of an unknown customer without a card: ResponseError code 1 (its test_pay_schedule.py)", lambda: raises(
    Iamport.ResponseError, lambda: iamport.pay_schedule(customer_uid="00000000", schedules=[
        {"merchant_uid": "py-sched-x", "schedule_at": at, "amount": 5000, "name": "주문명"}]),
    lambda e: e.code == 1 and "등록된 고객정보가 없습니다." in e.message))
check("pay_schedule_get", lambda: want(iamport.pay_schedule_get("py-sched-1")["amount"] == 8000, "amount"))
check("pay_schedule_get_between (schedule_from, schedule_to)", lambda: want(iamport.pay_schedule_get_between(
    schedule_from=int(time.time()), schedule_to=at + 7 * 86400)["total"] == 2, "total"))
check("pay_unschedule one, merchant_uid a string (its test_pay_unschedule.py)", lambda: want(
    len(iamport.pay_unschedule(customer_uid=cust, merchant_uid="py-sched-2")) == 1, "one"))
check("pay_unschedule of nothing: ResponseError code 1", lambda: raises(
    Iamport.ResponseError, lambda: iamport.pay_unschedule(customer_uid="00000000", merchant_uid="py-nothing"),
    lambda e: e.code == 1 and "취소할 예약결제 기록이 존재하지 않습니다." in e.message))
check("customer_delete", lambda: want(iamport.customer_delete(cust)["customer_uid"] == cust, "uid"))


def issue_vbank():
    global vbank
    tok = post("/users/getToken", {"imp_key": KEY, "imp_secret": SECRET})["access_token"]
    req = urllib.request.Request(BASE + "/vbanks", data=json.dumps({
        "merchant_uid": "py-vbank-1", "amount": 15000, "vbank_code": "004", "vbank_due": int(time.time()) + 3 * 86400,
        "vbank_holder": "홍길동"}).encode(), headers={"Content-Type": "application/json", "Authorization": tok})
    with urllib.request.urlopen(req) as res:
        vbank = json.load(res)["response"]["imp_uid"]


issue_vbank()
check("revoke_vbank_by_imp_uid", lambda: want(iamport.revoke_vbank_by_imp_uid(vbank)["status"] == "cancelled", "status"))
check("find_certification of an unknown one: HttpError 404 (its test_certification.py)", lambda: raises(
    Iamport.HttpError, lambda: iamport.find_certification("imp_12341234"), lambda e: e.code == 404))
check("cancel_certification of an unknown one: HttpError 404", lambda: raises(
    Iamport.HttpError, lambda: iamport.cancel_certification("imp_12341234"), lambda e: e.code == 404))

print("iamport-rest-client-python: %d calls, %d as expected, %d of them known differences" % (passed + failed, passed, known))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
