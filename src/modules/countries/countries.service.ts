import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { unreadableResult } from '../../common/afilnet/afilnet-result-lists.js';
import type { GatewayConfig } from '../../config/configuration.js';
import { CachedResponse } from './cached-response.js';
import { readCountries } from './countries.results.js';
import type { CountryDto } from './dto/country.dto.js';

interface CacheEntry {
  readonly countries: Promise<CountryDto[]>;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** The country list rarely changes: it is kept in memory for `COUNTRIES_CACHE_TTL_SECONDS` (0: never). */
@Injectable()
export class CountriesService {
  private readonly ttlMs: number;
  private cache?: CacheEntry;

  constructor(
    private readonly afilnet: AfilnetHttpService,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.ttlMs = config.get('cache', { infer: true }).countriesTtlSeconds * 1000;
  }

  /**
   * Requests that arrive while the list is being fetched share that one upstream call; a failed call is
   * not kept, so the next request tries again.
   */
  async list(): Promise<CachedResponse<CountryDto[]>> {
    if (this.ttlMs === 0) return new CachedResponse(await this.fetch(), 0);
    let entry = this.cache;
    if (entry === undefined || Date.now() >= entry.expiresAt) {
      const fresh: CacheEntry = { countries: this.fetch(), expiresAt: Date.now() + this.ttlMs };
      this.cache = entry = fresh;
      void fresh.countries.catch(() => {
        if (this.cache === fresh) this.cache = undefined;
      });
    }
    const countries = await entry.countries;
    return new CachedResponse(countries, Math.max(0, Math.ceil((entry.expiresAt - Date.now()) / 1000)));
  }

  private async fetch(): Promise<CountryDto[]> {
    const countries = readCountries(await this.afilnet.call('country.list', {}));
    if (countries === undefined) throw unreadableResult('country.list', 'the country list is not a list');
    return countries;
  }
}
