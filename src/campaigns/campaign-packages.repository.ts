// Stored campaign packages, one per campaign.
import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DatabaseService, type Queryable } from '../database/database.service';
import { campaignPackages } from '../database/schema';
import type { CampaignPackage } from './campaign-package.types';

export type UploadStatus = (typeof campaignPackages.$inferSelect)['uploadStatus'];

export interface StoredPackage {
  content: CampaignPackage;
  uploadStatus: UploadStatus;
}

/** Questions are read per post-call webhook; a build in another replica shows within this. */
const QUESTIONS_TTL_MS = 30_000;

@Injectable()
export class CampaignPackagesRepository {
  private readonly questionCache = new Map<
    string,
    { questions: CampaignPackage['questions']; expires: number }
  >();

  constructor(private readonly database: DatabaseService) {}

  /** The package's questions (empty when none is built), cached briefly. */
  async questions(campaignId: string): Promise<CampaignPackage['questions']> {
    const cached = this.questionCache.get(campaignId);
    if (cached && cached.expires > Date.now()) return cached.questions;
    const questions = (await this.find(campaignId))?.content.questions ?? [];
    if (this.questionCache.size > 1000) this.questionCache.clear();
    this.questionCache.set(campaignId, { questions, expires: Date.now() + QUESTIONS_TTL_MS });
    return questions;
  }

  async find(campaignId: string): Promise<StoredPackage | undefined> {
    const [row] = await this.database.db
      .select({ content: campaignPackages.content, uploadStatus: campaignPackages.uploadStatus })
      .from(campaignPackages)
      .where(eq(campaignPackages.campaignId, campaignId));
    return row;
  }

  async save(q: Queryable, pkg: CampaignPackage, uploadStatus: UploadStatus): Promise<void> {
    const values = {
      campaignId: pkg.campaign_id,
      packageId: pkg.package_id,
      // The column predates questionnaires without a company name.
      companyName: pkg.company_name ?? '',
      sourceHash: pkg.source_hash,
      questionCount: pkg.question_count,
      content: pkg,
      uploadStatus,
    };
    await q
      .insert(campaignPackages)
      .values(values)
      .onConflictDoUpdate({
        target: campaignPackages.campaignId,
        set: { ...values, updatedAt: sql`now()` },
      });
    this.questionCache.delete(pkg.campaign_id);
  }

  async setUploadStatus(
    campaignId: string,
    packageId: string,
    status: UploadStatus,
  ): Promise<void> {
    await this.database.db
      .update(campaignPackages)
      .set({ uploadStatus: status, updatedAt: sql`now()` })
      .where(
        sql`${campaignPackages.campaignId} = ${campaignId} AND ${campaignPackages.packageId} = ${packageId}`,
      );
  }
}
