import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { UsageReports } from '../../database/repositories/usage-reports.repository.js';
import type { UsageQueryDto, UsageRowDto } from './dto/usage.dto.js';

const DEFAULT_PERIOD_MS = 30 * 86_400_000;

@Injectable()
export class UsageService {
  constructor(
    private readonly reports: UsageReports,
    private readonly clock: Clock,
  ) {}

  summarize(query: UsageQueryDto, visibleTo: string | null): Promise<UsageRowDto[]> {
    const until = query.until === undefined ? this.clock.now() : Date.parse(query.until);
    const since = query.since === undefined ? until - DEFAULT_PERIOD_MS : Date.parse(query.since);
    return this.reports.summarize({ groupBy: query.groupBy, since, until, visibleTo });
  }
}
