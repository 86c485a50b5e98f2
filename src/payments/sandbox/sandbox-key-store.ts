import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { generateSandboxAccount } from './domain/sandbox-account';
import { SandboxKeys } from './entities/sandbox-keys.entity';

/** One sandbox merchant account per deployment. */
const ACCOUNT_ROW_ID = 1;

/**
 * The sandbox account's identity and keys: row 1 of sandbox_keys, made at the first start. Instances starting
 * together each try to insert their own and then all read back the one that won, so they agree.
 */
@Injectable()
export class SandboxKeyStore implements OnModuleInit {
  private loaded: Promise<SandboxKeys> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Loaded (or made) at start-up, outside any request's transaction, so a rollback can never lose the keys. */
  async onModuleInit(): Promise<void> {
    await this.keys();
  }

  keys(): Promise<SandboxKeys> {
    this.loaded ??= this.loadOrCreate().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  private async loadOrCreate(): Promise<SandboxKeys> {
    const existing = await this.db.repo(SandboxKeys).findOneBy({ id: ACCOUNT_ROW_ID });
    if (existing) return existing;
    await this.db
      .repo(SandboxKeys)
      .createQueryBuilder()
      .insert()
      .values({ id: ACCOUNT_ROW_ID, ...generateSandboxAccount(), createdAt: this.clock.now() })
      .orIgnore()
      .execute();
    const stored = await this.db.repo(SandboxKeys).findOneBy({ id: ACCOUNT_ROW_ID });
    if (!stored) throw new Error('sandbox_keys: row 1 is missing right after inserting it');
    return stored;
  }
}
