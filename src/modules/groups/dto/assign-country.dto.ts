import { ApiProperty } from '@nestjs/swagger';
import { IsCallingCode } from '../../../common/validation/calling-code.validator.js';

export class AssignCountryDto {
  @ApiProperty({
    description:
      "The country's international dialling code, digits only without `+` (checked against the ISO 3166 " +
      "country list). Group sends put it in front of the contacts' national numbers.",
    example: '34',
  })
  @IsCallingCode()
  countryCode!: string;
}
