/**
 * TEST-ONLY key material and expected values for the WeChat Pay crypto unit tests.
 *
 * These keys were generated for this repository's tests and protect nothing. Never configure them anywhere.
 * The expected signatures and ciphertexts were computed once by a throwaway script, independently of the code
 * under test: RSA with `openssl dgst -sha256 -sign`, AES-GCM with a bare node:crypto createCipheriv. RSA PKCS#1 v1.5
 * signatures are deterministic and the GCM nonces are fixed, so any change to a message format fails a test.
 */

/** TEST ONLY: stands in for a merchant's apiclient_key.pem (signs requests and paySign). */
export const TEST_MERCHANT_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIIEuwIBADANBgkqhkiG9w0BAQEFAASCBKUwggShAgEAAoIBAQCYVpMernbXBJqM
4P1OdAC1jveypsVKt3+CSDDq6cSvLymk15Z/0e9g9y7uGU58WsBkhBWaqHJbJn0P
qa8QiT2FwvAzxIodf8KyVLreq5VL/zyudGXzqyr6Qe95AQlMUtVJsiIqBVY/7NCT
UQu9V93fV3bygcJ0/txSSqHVozId0qjWUM+RVEQJJ44ycD8q21YCRXLLv0w2bx1u
qCDJ03TjKXwfPz686JuEk6lq8cfYfCmaZy/1+i62LoLFs6/ne4mDg7DdOuwLdNyQ
+BiDLSnpz7/cnqawg39Ar2GH5Xd9mCyyRQIsLwjbfiviMoRWYf/GKDGYmyodiVyc
WfKR2FYHAgMBAAECgf8lMP25/94DoJwayNMO1ENYEA9pDk4cb7Axnm5S67+ZBWql
U/zqN9a5VZ+fgY4nzgAqihS8LWO93SerK0ISR289uNnryY/uo8Jkx0rYEgvhAe9O
qBw74Q4dCvvsDtS2TYLE+zhcCfGEqcxCKwcyssD4ReJEUmmnJpGjhZT9E1qo7OTe
Qgr5Vnwg6kA/krler+vr/+cV0WcT8kgv/Enox9CQdRV4qs+0WfuXgRYY1IaKH2A4
c5VZJQtZ36I2THUzCw16uSuLtr/sO3kPSRvTm+4g54cLRto+bBv3F56O21JTFq7X
3PPSt34t6CCJq/XnhoAblXywej2tf+llEWebDuECgYEAxgtC1KdLwdNqgeXRKEzh
e2DTrupSRl9Tq6U83Y1xHvUgo21V1JfAIq3crxTf4IM9iTZnY0k2X3+I39vLE0YR
PksXCF2hXZQoTv93N2t4jXGuTJ+ikrNIL82PIjqo3bohKBcYb/aBDr0keEWEmYAV
wMbaNoca98TAx7VOAeHtOycCgYEAxOszNVspcfapD7niyUbJjmhsVv0xrjPirKFp
T/RrqHxHukRW2UM2Cnqbn88+dS252mCcQC7nEMRLlkZYjk1xdBaGq34G8DXWMkKe
6NM6ujdFrMsZLHsVAAnaRNSArYA/sOrbfPeL6ikAYetTz+a9RqTY2zqbGy7WjSSR
4aPIWiECgYA3Y0Tgpp1YayF5jOXPSJkzYWQyolQ6XETRV5hLOlit2M61Bkof+AUD
be6vhL4MU4gtTOrjaMFtOgT03srP7CO8cVHSxCTyQBJ57ZbRCByiKm4d/fOA5eVF
gU8Luq4pvPmy9aqe/akgjyOZA5BPQfRTgwnagDS5oOxtrjZP7njjtwKBgQCjjfrF
aUc+KbH3ptwPcyT7jA3YHopB90RhP9t5ljhJA5iLxDEiWSmsgHN7w6VLrEP+dlmx
EYPHsFJbqWfqIbaGxiLqk01t/DlBG4ZjOPZBLqFHSJVLFZu2oXhRzPJnqOq9pgPR
gsYKIi34Jn5BYpN49nhLdhzX8govxt0HvYIuIQKBgFZwud0R/4I2orux4i5qsAAW
fzxIdu7QAyV8Fn9wpNNE7tkgI2AgfFnGbT4VyDXHxJoVpk+4+05LnYzjn/cVecMB
LN5GXXsphDGArN/E1pBzjDiUFYKeogm0uQzV+igc/CpWo/wCpUyqBugIdmf5QCgQ
AS1HefWiM8ahJ40w/m3U
-----END PRIVATE KEY-----
`;

export const TEST_MERCHANT_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmFaTHq521wSajOD9TnQA
tY73sqbFSrd/gkgw6unEry8ppNeWf9HvYPcu7hlOfFrAZIQVmqhyWyZ9D6mvEIk9
hcLwM8SKHX/CslS63quVS/88rnRl86sq+kHveQEJTFLVSbIiKgVWP+zQk1ELvVfd
31d28oHCdP7cUkqh1aMyHdKo1lDPkVRECSeOMnA/KttWAkVyy79MNm8dbqggydN0
4yl8Hz8+vOibhJOpavHH2Hwpmmcv9fouti6CxbOv53uJg4Ow3TrsC3TckPgYgy0p
6c+/3J6msIN/QK9hh+V3fZgsskUCLC8I234r4jKEVmH/xigxmJsqHYlcnFnykdhW
BwIDAQAB
-----END PUBLIC KEY-----
`;

/** TEST ONLY: stands in for the WeChat Pay platform key (signs responses and notifications). */
export const TEST_PLATFORM_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCXvcnolgm/kbg8
R8fXvntEtQvdQFErQiCehye9BrecmTIKywQzsPBr3HCp3FfLJY70sz4lHaqulqfR
ClG7YYQK0pDHsmIZfsF1mJZaLk2G2n7OBRyWZDnCUx2xAezByVG4UsEbBG8AFiTU
rttkR/c6dXtsIk7hCyoNwQ41NKyDqKdCz/d2iCdMRQmEwrIPILDuOF5qYxADlw5u
2ke14Kxb+LAJKTtJbc8NfLVXl2YhBMJBjEQHfP8Fy5V6QZdGRl3eeOz+YlM8au6Q
e9sGnyuvlmmXmrGPt5oSa1d7I23+y6xZdWWf8rDKjsQMuVUN/46efxDEp5WQ9SXE
MzKJV59vAgMBAAECggEAA4GwyU2yUvmAmvADt8IgoiFW8Vl7prbD/zXbXrxpgNZv
eB1h7vnfTHbPKbW8V6b6C0CbJottdtRnc2a8JcrmnMNp8ht2teUefmO00cexJfUl
qggnNXiCdzGphX4oZQAMgehzqvaqxAM+/aU+z630EidF32VZkkzKP4AfHm6lr/Ms
MJq+cGCrxWReKErghK6FVKukjNmMWcAaM5W4zRI9l5+2Sk/7/i/F/764OMb1cWt0
PnhNfnXPcvdiP/8jFkE1f7vd+lv9FDr4kmTBgVwKj/fv017XV8YsMvlBtKE43rdh
FwWah5S6U1KTv1Ete4zJo31nckb1WB1LJXAYjx9wVQKBgQDM01ftpIlhDH+HUSE+
Q8/8A+h/oA+YHUi3/L2Cd+6czu6w0DPSHGweH0ZzoIY8CQ/lrVM5XDu+CmM0sado
wwgSJ8VH8U304BAYpFky8J/o1PCp7ShH1zEj7ZFm33DXz5mkbdma31Denxji9LGB
5NJqA8l+PncscWiuKy/8T67rowKBgQC9py0mSCFmpoUZSjDS8x2oHvhbypAeAh6t
uDB7aN9wg5s15oI/evhc6wxB+B02ibudy9Ogz2BfBep/JSqwxUj8iBJEaR+epAQn
wdJiFj4njbzbQC6CojXWYiIWJxPHzkwt4ohYM52Gxc3DszcadEQD2X9ofSl1tDCN
yVChGfc5xQKBgEVYWDCQwCInRRXfFc4qz0OXXyO2YREy+OexnceKKzLTrGQYWTMN
hF0+YW/MLSYuOz+bSs3kuCVDBwtUCkWhoh3jcRtGSwpYwZpWKgzhAoKldUVSkYyh
AnYTfGLDy0SFeJL+zeltKcf1PUu5ZE+B1OsnlRQ0ucxGKRaucHSP1bzZAoGATgJO
yvlOa9fA1aczsAF6SGX8yFzorL84eUJTBuAbUD+B/0jCeHQPZsDz+Mqi0YUT3BM0
CGhkfpGDZCsYhT+RBva9dNA8xlc2slfCPsBhbomZjiG3P9qTBIy28p++Pih4I0OT
y5vnhsEkIwQ7fTEnrOGwy3z4KcclVZziAnIYw/UCgYEAqBu02bi+FSEXdG5yEFXY
mJJU71aPzqQLgNe3XZwenbfCJfFmkJYBkqviasiPKXDFrvN+kgPpyL5nKegmPsRc
tK5yrKZMZJntIKaVYLmrQ/3jekwAWVGC0a1x77vZwWZQtvyuNVLFz3BcFkVCpRq3
8jtzjdR8JXaas/6YfFbtlaY=
-----END PRIVATE KEY-----
`;

export const TEST_PLATFORM_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAl73J6JYJv5G4PEfH1757
RLUL3UBRK0IgnocnvQa3nJkyCssEM7Dwa9xwqdxXyyWO9LM+JR2qrpan0QpRu2GE
CtKQx7JiGX7BdZiWWi5Nhtp+zgUclmQ5wlMdsQHswclRuFLBGwRvABYk1K7bZEf3
OnV7bCJO4QsqDcEONTSsg6inQs/3dognTEUJhMKyDyCw7jheamMQA5cObtpHteCs
W/iwCSk7SW3PDXy1V5dmIQTCQYxEB3z/BcuVekGXRkZd3njs/mJTPGrukHvbBp8r
r5Zpl5qxj7eaEmtXeyNt/susWXVln/Kwyo7EDLlVDf+Onn8QxKeVkPUlxDMyiVef
bwIDAQAB
-----END PUBLIC KEY-----
`;

/** TEST ONLY: 32 characters = 32 UTF-8 bytes. */
export const TEST_API_V3_KEY = 'TestApiV3Key0123456789abcdefABCD';

/** The inputs of WeChat Pay's published paySign example, signed with the test merchant key. */
export const PAY_SIGN_VECTOR = {
  appId: 'wx2421b1c4370ec43b',
  timeStamp: '1554208460',
  nonceStr: '593BEC0C930BF1AFEB40B4A08C8FB242',
  prepayId: 'wx201410272009395522657a690389285100',
  message:
    'wx2421b1c4370ec43b\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nprepay_id=wx201410272009395522657a690389285100\n',
  paySign:
    'ZXRdCgVYp1qsqAz81bg9yz1mSZjv22gS3d8MDRUzM6JW+QxIcWY9vsB0YCRs5JmVGdY50gs51MLEwW3VfV2LAir+75o/m6l2jrVKB1oFblGmV/dpIl5kb/R0JZ0MohYVuI4YMTjCLIo7RyIJbhulY/SoRqC0D+4sDlatt1LDsFxemNGwlkDh1Llf2cqX/FlrS/YP1kGQ6h9Ebkk2pDFwpaHTxpGBAPpXd3fyLuMIYSzGLPz7mFKV1MzJt+yA/O1JeP2KWhO9gswAkWqB228j5de8VyMLU9A7sNvgD5i52ke/gZf1TITOfY+HGF/8IJVP3ThwHhSCkGeEkFjbbME8AA==',
} as const;

export const REQUEST_SIGN_VECTORS = {
  post: {
    method: 'POST',
    pathWithQuery: '/v3/pay/transactions/jsapi',
    timestamp: '1554208460',
    nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
    body: '{"appid":"wx2421b1c4370ec43b","mchid":"1900000109","out_trade_no":"1217752501201407033233368018"}',
    message:
      'POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"appid":"wx2421b1c4370ec43b","mchid":"1900000109","out_trade_no":"1217752501201407033233368018"}\n',
    signature:
      'ON/9A3041BrDgiLwh7kRiP48daPB7US9t49MxBPCsjPVR4CN/WGVjksBPLfgPWpGO9kuCS+ty3LKEP7NdL1HRHoVqRoz8k1XLOJB0N0C1q9iRf+ctJwsZq1OQ2MfkHTESg+5VSzLVn9Ip2wTReQsOsW+BbUCSfnc7oLFON+hjdR23ZPYQIDfse+29q5/f2oXto8BfWA34U/5B/Oo7EY0j8h/NQsXyxVOqhw0FGuSNT+IOKjser50PB/tBUplfdLO0VsDn5i+9WzfyqbirqUdrGYRhQgepTAHZpMKla4E8ChccdoJ1tBa7DXKBd7B4t5KZHA1iw5GFZd4EEiCTVtT4g==',
  },
  getWithQueryAndEmptyBody: {
    method: 'GET',
    pathWithQuery: '/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109',
    timestamp: '1554208461',
    nonce: 'H0mV7XjX3Yt4b0Qv9vH3aV6sL2p1r8Zk',
    body: '',
    message:
      'GET\n/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109\n1554208461\nH0mV7XjX3Yt4b0Qv9vH3aV6sL2p1r8Zk\n\n',
    signature:
      'WiRvGP5ZRXflIVzSx2Oer5TT3jDpB1ADt8ag5KglBzdSDTvrCNJtskDeg/ZAwr8wPgfRZyL3p4qkzyZsMbchFatjvXyy9GJgxtBnThCH9ukpXPlj7pXBNLUqMcPaT1nbxuOKyzg7Ttt6SMqeMX9R9rIL4+76XhYRCIHRvVP+jau5JCpaaJa2eWRh4zzOzm+ZuXnd+wHrOhCvG6ZGzwhUSZq7GfQWNYt6xrcPIZt3lpjbYEEY7VxbLTgDsz4G33s1bJCaPvh5mETqKiO2BKLOpw9XZm+4oyfP8l/F3NWliHYbNwa394LKdrx7ZaA6Is4ROzOAQz4FEObzMLdKRTKA1A==',
  },
} as const;

export const AES_GCM_VECTOR = {
  plaintext: '{"trade_state":"SUCCESS","trade_state_desc":"支付成功 ✓"}',
  associatedData: 'transaction',
  nonce: 'q9mZx3Lr7TbA',
  ciphertext:
    'nzOB/BRHrVmzkyusFf4X8jFSbPb54mYyv9G3VBuPm8qTjz61OM6e2XvBWG7ZodpM8lxYxG7CV9ZWQzbgY8Q58gwqOgdr8Hw0ryEPtlg+bA==',
} as const;

/** A TRANSACTION.SUCCESS notification with every random part fixed; body and signature are byte-exact. */
export const TRANSACTION_NOTIFICATION_VECTOR = {
  id: 'EV-2018022511223320873',
  now: new Date('2026-11-21T12:00:00.000Z'),
  createTime: '2026-11-21T20:00:00+08:00',
  timestamp: '1795262400',
  nonce: 'fdasflkja484w9ewUu8wjeF8lwe9aWwp',
  resourceNonce: 'fdasfjihihih',
  platformSerial: 'PUB_KEY_ID_0114232134912410000000000000',
  summary: '支付成功',
  resource: {
    appid: 'wx2421b1c4370ec43b',
    mchid: '1900000109',
    out_trade_no: '1217752501201407033233368018',
    transaction_id: '4200000000202611210000000001',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    attach: 'order:42',
    success_time: '2026-11-21T19:59:58+08:00',
    payer: {
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    },
    amount: {
      total: 100,
      payer_total: 100,
      currency: 'CNY',
      payer_currency: 'CNY',
    },
  },
  resourcePlaintext:
    '{"appid":"wx2421b1c4370ec43b","mchid":"1900000109","out_trade_no":"1217752501201407033233368018","transaction_id":"4200000000202611210000000001","trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"OTHERS","attach":"order:42","success_time":"2026-11-21T19:59:58+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"amount":{"total":100,"payer_total":100,"currency":"CNY","payer_currency":"CNY"}}',
  resourceCiphertext:
    'XLRBgp0tXcnLUhFHIUMHqmljNT53dM5E5fZn298N4CMUs993PyEexYtSgg/Xa/kc+ffDNuVcQ5sSq4oTxpIPa4urVvmjbyH8ZTkAwVn5USNCExNs+1d1MhIRFLybSjwvpfPlF/YoOB+nIpSQHhWKLOYsLsSRnIeu857GsQu/9F1HJp17RD/ztCvlzZsWCSKqK4V7Hv3g2b9u3w1XnslXpZO0XXoOOOCc71l2lAMQCifRTyJzprgYlrfo140Ck0BFxvAv/z5T8ZyExu6Vvss0qOCe1hUGpZuJXPIDeTZtXqYiv+bNgB7paV2m7zA+DjVP6jdf+EGy1mZSPe6VC8EcSdWM/NfmYS+SckfpxPrhofHrWGrCrTyelsN6p004eju7Pyj7Rj3wlvgqIRyU/dkVtmeSyvIRjxFH9/+Or8o1VsnQO6xthrwn78xR++lNhBXxVv6HTmgTKM/0lBY3hjMYHWHcv1dAJ+s1uAgYSZknWGdh8dsgbrOLtu9uIPjYEENSIbL781d21i2+x2dAOE8kGdnRHL7/axwzn3qqign41KoYSyjnoDO2VyfcgkZ8tOTXwxC3bc5Cr3Mhe4G/mxl+GHexrQ6gdco=',
  body: '{"id":"EV-2018022511223320873","create_time":"2026-11-21T20:00:00+08:00","resource_type":"encrypt-resource","event_type":"TRANSACTION.SUCCESS","summary":"支付成功","resource":{"original_type":"transaction","algorithm":"AEAD_AES_256_GCM","ciphertext":"XLRBgp0tXcnLUhFHIUMHqmljNT53dM5E5fZn298N4CMUs993PyEexYtSgg/Xa/kc+ffDNuVcQ5sSq4oTxpIPa4urVvmjbyH8ZTkAwVn5USNCExNs+1d1MhIRFLybSjwvpfPlF/YoOB+nIpSQHhWKLOYsLsSRnIeu857GsQu/9F1HJp17RD/ztCvlzZsWCSKqK4V7Hv3g2b9u3w1XnslXpZO0XXoOOOCc71l2lAMQCifRTyJzprgYlrfo140Ck0BFxvAv/z5T8ZyExu6Vvss0qOCe1hUGpZuJXPIDeTZtXqYiv+bNgB7paV2m7zA+DjVP6jdf+EGy1mZSPe6VC8EcSdWM/NfmYS+SckfpxPrhofHrWGrCrTyelsN6p004eju7Pyj7Rj3wlvgqIRyU/dkVtmeSyvIRjxFH9/+Or8o1VsnQO6xthrwn78xR++lNhBXxVv6HTmgTKM/0lBY3hjMYHWHcv1dAJ+s1uAgYSZknWGdh8dsgbrOLtu9uIPjYEENSIbL781d21i2+x2dAOE8kGdnRHL7/axwzn3qqign41KoYSyjnoDO2VyfcgkZ8tOTXwxC3bc5Cr3Mhe4G/mxl+GHexrQ6gdco=","associated_data":"transaction","nonce":"fdasfjihihih"}}',
  signature:
    'B1+6RVrMb/h3huI8BN3U4p2ySAM59OCQQ1vQegDwXtvYVY3njxx7bc48YOU8y0QQQ//3nHiRto42sI/PiyslM5s6fRpf4uJJC+OuvS0gN5uCm6jAZSVRJXu+JTleY2queACsc0P6VT1Bwj6Dmzv9aUn08K8R/UwtvCgtuVXADjYrqvkUNV5363QNHh81IcZowT7QPwge/4qr6ARjm8b5B90cpwLB6TNCdPCvu7APuhHaUHqK97ecQSnLnoJcCGjTsx7+W3i666lScjuDRMP5us6z84GPjhCxN78Lo4IHhi+My/tHiskREJczx5ttDMZt/VHwdkQ/o30NjjScodNBpQ==',
} as const;
