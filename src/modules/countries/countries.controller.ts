import { Controller, Get, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAfilnetOperation } from '../../common/swagger/api-afilnet-operation.decorator.js';
import { CacheControlInterceptor, CachedResponse } from './cached-response.js';
import { CountriesService } from './countries.service.js';
import { CountryDto } from './dto/country.dto.js';

@ApiTags('countries')
@Controller({ path: 'countries', version: '1' })
export class CountriesController {
  constructor(private readonly countries: CountriesService) {}

  @Get()
  @UseInterceptors(CacheControlInterceptor)
  @ApiAfilnetOperation('country.list', {
    summary: 'List the countries Afilnet serves',
    description:
      'Each country with its ISO code, name, dialling code and SMS price where Afilnet gives one. The list ' +
      'is kept in memory for `COUNTRIES_CACHE_TTL_SECONDS` (default one day), and `Cache-Control` says how ' +
      'much longer this copy is served.',
    validated: false,
  })
  @ApiOkResponse({
    type: [CountryDto],
    description: 'The countries.',
    headers: {
      'Cache-Control': {
        description:
          '`public, max-age=<seconds this copy stays in the gateway cache>` (0 when caching is off).',
        schema: { type: 'string', example: 'public, max-age=86400' },
      },
    },
  })
  list(): Promise<CachedResponse<CountryDto[]>> {
    return this.countries.list();
  }
}
