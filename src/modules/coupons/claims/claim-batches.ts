import { Injectable, Logger } from '@nestjs/common';
import { GroupCommit } from '../../../platform/batching/group-commit';
import { EntryStreams } from '../../../platform/redis/entry-streams';
import type { TemplateDefinition } from '../entities/coupon-template.entity';
import type { AcceptedClaim } from './claim-entry';
import { ClaimGateRebuilder } from './claim-gate-rebuilder';
import { ClaimWriter, ClaimWritten } from './claim-writer';

interface Pending {
  template: TemplateDefinition;
  claim: AcceptedClaim;
}

/**
 * This instance's accepted claims, written by template in group commits (ClaimWriter): a claim is answered once the
 * transaction holding its coupon has committed, and its stream entry is deleted after that. An entry whose deletion
 * is lost stays in the stream and is written again by the takeover, which skips it. Other instances and the
 * takeover write the same template's batches at the same time as this one (they meet only at its row, last).
 */
@Injectable()
export class ClaimBatches {
  private readonly logger = new Logger(ClaimBatches.name);
  private readonly group = new GroupCommit<Pending, ClaimWritten>((_templateId, pending) => this.write(pending));

  constructor(
    private readonly writer: ClaimWriter,
    private readonly streams: EntryStreams,
    private readonly rebuilder: ClaimGateRebuilder,
  ) {}

  submit(template: TemplateDefinition, claim: AcceptedClaim): Promise<ClaimWritten> {
    return this.group.submit(template.id, { template, claim });
  }

  private async write(pending: Pending[]): Promise<ClaimWritten[]> {
    // The newest definition of the batch (an edit heard meanwhile): its terms are what the coupons carry.
    const template = pending[pending.length - 1].template;
    const claims = pending.map((item) => item.claim);
    const written = await this.writer.write(template, claims);
    this.streams
      .forget(
        this.rebuilder.keysOf(template.id).stream,
        claims.map((claim) => claim.streamId),
      )
      .catch((error: Error) => this.logger.warn(`claims written, stream entries kept: ${error.message}`));
    return written;
  }
}
