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

@Injectable()
export class CampaignPackages {
  constructor(private readonly database: DatabaseService) {}

  async find(campaignId: string): Promise<StoredPackage | undefined> {
    const [row] = await this.database.db
      .select({ content: campaignPackages.content, uploadStatus: campaignPackages.uploadStatus })
      .from(campaignPackages)
      .where(eq(campaignPackages.campaignId, campaignId));
    return row
      ? { content: row.content as CampaignPackage, uploadStatus: row.uploadStatus }
      : undefined;
  }

  async save(q: Queryable, pkg: CampaignPackage, uploadStatus: UploadStatus): Promise<void> {
    const values = {
      campaignId: pkg.campaign_id,
      packageId: pkg.package_id,
      companyName: pkg.company_name,
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
