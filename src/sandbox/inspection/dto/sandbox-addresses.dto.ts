import { ApiProperty } from '@nestjs/swagger';

/** An address the simulator holds, under the names `POST /v1/account/addresses` takes. */
export class SandboxAddressDto {
  @ApiProperty({ description: 'The id the addition answered.', type: 'integer', example: 1 })
  id!: number;

  @ApiProperty({ description: "The holder's full name.", example: 'Ana García López' })
  name!: string;

  @ApiProperty({ description: 'Whether the holder is a company.', example: true })
  isCompany!: boolean;

  @ApiProperty({
    description: "The company's name (companies only).",
    type: String,
    nullable: true,
    example: 'Example Trading S.L.',
  })
  companyName!: string | null;

  @ApiProperty({
    description: 'Tax or identity document number.',
    type: String,
    nullable: true,
    example: 'B12345678',
  })
  documentId!: string | null;

  @ApiProperty({
    description: 'Country code as Afilnet received it (ISO 3166-1 alpha-2, lower case).',
    type: String,
    nullable: true,
    example: 'es',
  })
  countryCode!: string | null;

  @ApiProperty({ description: 'City identifier.', type: 'integer', nullable: true, example: 1 })
  cityId!: number | null;

  @ApiProperty({ description: 'City or town name.', type: String, nullable: true, example: 'Madrid' })
  cityName!: string | null;

  @ApiProperty({ description: 'Postal code.', type: String, nullable: true, example: '28013' })
  zipCode!: string | null;

  @ApiProperty({
    description: 'Street address.',
    type: String,
    nullable: true,
    example: 'Calle Mayor 1, 2º B',
  })
  address!: string | null;

  @ApiProperty({
    description: 'When the address was added.',
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
  })
  createdAt!: string;
}
