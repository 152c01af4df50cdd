import { ApiProperty } from '@nestjs/swagger';

export class CountryDto {
  @ApiProperty({
    description: 'ISO 3166-1 alpha-2 code, upper case; null when Afilnet does not give one.',
    type: String,
    nullable: true,
    example: 'ES',
  })
  code!: string | null;

  @ApiProperty({
    description: 'Country name, as Afilnet gives it.',
    type: String,
    nullable: true,
    example: 'Spain',
  })
  name!: string | null;

  @ApiProperty({
    description: 'International dialling code, digits without `+`.',
    type: String,
    nullable: true,
    example: '34',
  })
  dialCode!: string | null;

  @ApiProperty({
    description: 'Price of one SMS to the country, in credits, where Afilnet gives one.',
    type: Number,
    nullable: true,
    example: 1,
  })
  price!: number | null;
}
