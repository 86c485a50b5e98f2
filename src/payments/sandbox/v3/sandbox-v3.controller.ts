import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../../platform/clock/clock';
import { GatewayError } from '../../payment-gateway';
import { requestSignatureFailure } from '../../wechatpay/authorization';
import { DEFAULT_MAX_SKEW_SECONDS, signedAnswerHeaders } from '../../wechatpay/notification';
import { errorAnswer } from '../../wechatpay/v3-bodies';
import type { SandboxKeys } from '../entities/sandbox-keys.entity';
import { SandboxKeyStore } from '../sandbox-key-store';
import { SandboxV3Api, V3Answer, V3Refusal } from './sandbox-v3-api';

/**
 * WeChat Pay API v3's own paths, served by the sandbox (docs/payments.md): the `wechatpay` adapter's tests talk to
 * it over HTTP. Like WeChat Pay, it checks the merchant's request signature before anything else (401 SIGN_ERROR)
 * and signs every answer with its platform key over the exact bytes sent. WeChat's contract, not Engage's: kept
 * out of the OpenAPI document, answered in WeChat's `{"code","message"}`, not Engage's envelope.
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('v3')
export class SandboxV3Controller {
  constructor(
    private readonly api: SandboxV3Api,
    private readonly keyStore: SandboxKeyStore,
    private readonly clock: Clock,
  ) {}

  @Post('pay/transactions/jsapi')
  createJsapiOrder(@Req() request: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    return this.exchange(request, reply, (account) => this.api.createJsapiOrder(request.body, account));
  }

  @Get('pay/transactions/out-trade-no/:outTradeNo')
  queryOrder(
    @Param('outTradeNo') outTradeNo: string,
    @Query('mchid') mchId: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.exchange(request, reply, (account) => this.api.queryOrder(outTradeNo, mchId, account));
  }

  @Post('pay/transactions/out-trade-no/:outTradeNo/close')
  closeOrder(
    @Param('outTradeNo') outTradeNo: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.exchange(request, reply, (account) => this.api.closeOrder(outTradeNo, request.body, account));
  }

  @Post('refund/domestic/refunds')
  refund(@Req() request: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    return this.exchange(request, reply, () => this.api.refund(request.body));
  }

  @Get('refund/domestic/refunds/:outRefundNo')
  queryRefund(
    @Param('outRefundNo') outRefundNo: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.exchange(request, reply, () => this.api.queryRefund(outRefundNo));
  }

  @Post('fund-app/mch-transfer/transfer-bills')
  transfer(@Req() request: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    return this.exchange(request, reply, (account) => this.api.transfer(request.body, account));
  }

  @Get('fund-app/mch-transfer/transfer-bills/out-bill-no/:outBillNo')
  queryTransfer(
    @Param('outBillNo') outBillNo: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.exchange(request, reply, (account) => this.api.queryTransfer(outBillNo, account));
  }

  /** Signature check, the call, then a signed answer: a refusal in WeChat's error format, anything else thrown on. */
  private async exchange(
    request: RawBodyRequest<FastifyRequest>,
    reply: FastifyReply,
    call: (account: SandboxKeys) => Promise<V3Answer>,
  ): Promise<void> {
    const account = await this.keyStore.keys();
    const failure = requestSignatureFailure({
      authorization: request.headers.authorization,
      method: request.method,
      // The path and query exactly as sent: that is what the merchant signed.
      pathWithQuery: request.raw.url ?? request.url,
      body: request.rawBody?.toString('utf8') ?? '',
      mchId: account.mchId,
      merchantSerial: account.merchantSerial,
      merchantPublicKeyPem: account.merchantPublicKeyPem,
      now: this.clock.now(),
      maxSkewSeconds: DEFAULT_MAX_SKEW_SECONDS,
    });
    if (failure) return this.answer(reply, account, 401, { code: 'SIGN_ERROR', message: `签名错误: ${failure}` });
    let result: V3Answer;
    try {
      result = await call(account);
    } catch (error) {
      if (error instanceof GatewayError) return this.answer(reply, account, error.httpStatus, errorAnswer(error));
      if (error instanceof V3Refusal) {
        return this.answer(reply, account, error.status, { code: error.code, message: error.message });
      }
      throw error;
    }
    return this.answer(reply, account, result.status, result.body);
  }

  /** Signed over the exact bytes sent, as WeChat Pay signs every answer (the SDKs check only 2xx ones). */
  private answer(reply: FastifyReply, account: SandboxKeys, status: number, body: object | undefined): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = signedAnswerHeaders(text, { ...account, now: this.clock.now() });
    void reply
      .status(status)
      .headers({
        ...headers,
        'Request-ID': randomUUID(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      })
      .send(text);
  }
}
