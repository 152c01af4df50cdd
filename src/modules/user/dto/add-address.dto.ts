import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  DOCUMENT_ID,
  DOCUMENT_ID_RULE,
  IsCompanyName,
  IsCountryCode,
  IsLineOfText,
  MAX_ADDRESS_LENGTH,
  MAX_CITY_NAME_LENGTH,
  MAX_NAME_LENGTH,
  ONE_LINE,
  ZIP_CODE,
  ZIP_CODE_RULE,
} from './address-rules.js';

const MAX_ID = 2_147_483_647;

/** Said of each field whose Afilnet name is a guess (see the operation's description). */
const PROVISIONAL = "Afilnet's name for this field is provisional.";

export class AddAddressDto {
  @ApiProperty({
    description: `Full name (name and last name) of the address's holder, or of the company's contact person. One line, 1 to ${MAX_NAME_LENGTH} characters.`,
    minLength: 1,
    maxLength: MAX_NAME_LENGTH,
    pattern: ONE_LINE.source,
    example: 'Ana García López',
  })
  @IsLineOfText(MAX_NAME_LENGTH)
  name!: string;

  @ApiProperty({
    description: 'Whether the holder is a company (`true`) or a person (`false`).',
    example: true,
  })
  @IsBoolean()
  isCompany!: boolean;

  @ApiPropertyOptional({
    description:
      `The company's name: required when \`isCompany\` is true, refused when it is false. One line, 1 to ` +
      `${MAX_NAME_LENGTH} characters.`,
    type: String,
    minLength: 1,
    maxLength: MAX_NAME_LENGTH,
    pattern: ONE_LINE.source,
    nullable: true,
    example: 'Example Trading S.L.',
  })
  @IsCompanyName('isCompany', MAX_NAME_LENGTH)
  companyName?: string | null;

  @ApiPropertyOptional({
    description: `Tax or identity document number (e.g. a VAT or national id number): 1 to 30 letters and digits, spaces, \`.\`, \`/\` or \`-\` between them. ${PROVISIONAL}`,
    type: String,
    minLength: 1,
    maxLength: 30,
    pattern: DOCUMENT_ID.source,
    nullable: true,
    example: 'B12345678',
  })
  @IsOptional()
  @Matches(DOCUMENT_ID, { message: `$property ${DOCUMENT_ID_RULE}` })
  documentId?: string | null;

  @ApiPropertyOptional({
    description:
      "The holder's country as its ISO 3166-1 alpha-2 code (`ES`, or `es`), not a dialling code: Afilnet's " +
      'subaccount page, where this field is named, gives that form. Sent to Afilnet in lower case, as that page ' +
      `shows it. ${PROVISIONAL}`,
    type: String,
    minLength: 2,
    maxLength: 2,
    pattern: '^[A-Za-z]{2}$',
    nullable: true,
    example: 'ES',
  })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string | null;

  @ApiPropertyOptional({
    description: `Afilnet's identifier of the city (a positive integer; Afilnet documents no list of them). ${PROVISIONAL}`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_ID,
    nullable: true,
    example: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  cityId?: number | null;

  @ApiPropertyOptional({
    description: `City or town name. One line, 1 to ${MAX_CITY_NAME_LENGTH} characters. ${PROVISIONAL}`,
    type: String,
    minLength: 1,
    maxLength: MAX_CITY_NAME_LENGTH,
    pattern: ONE_LINE.source,
    nullable: true,
    example: 'Madrid',
  })
  @IsOptional()
  @IsLineOfText(MAX_CITY_NAME_LENGTH)
  cityName?: string | null;

  @ApiPropertyOptional({
    description: `Postal code: 2 to 10 letters and digits, spaces or \`-\` between them (\`28001\`, \`SW1A 1AA\`). ${PROVISIONAL}`,
    type: String,
    minLength: 2,
    maxLength: 10,
    pattern: ZIP_CODE.source,
    nullable: true,
    example: '28013',
  })
  @IsOptional()
  @Matches(ZIP_CODE, { message: `$property ${ZIP_CODE_RULE}` })
  zipCode?: string | null;

  @ApiPropertyOptional({
    description: `Street address (street, number, floor…). One line, 1 to ${MAX_ADDRESS_LENGTH} characters. ${PROVISIONAL}`,
    type: String,
    minLength: 1,
    maxLength: MAX_ADDRESS_LENGTH,
    pattern: ONE_LINE.source,
    nullable: true,
    example: 'Calle Mayor 1, 2º B',
  })
  @IsOptional()
  @IsLineOfText(MAX_ADDRESS_LENGTH)
  address?: string | null;
}
