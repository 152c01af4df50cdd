import { ApiProperty } from '@nestjs/swagger';

/** One number's lookup; every field Afilnet did not give is null. */
export class HlrResultDto {
  @ApiProperty({ description: 'The number looked up, as it was asked.', example: '34600000000' })
  number!: string;

  @ApiProperty({
    description: 'Whether the number exists on a mobile network.',
    type: Boolean,
    nullable: true,
    example: true,
  })
  valid!: boolean | null;

  @ApiProperty({
    description: 'Name of the network serving it.',
    type: String,
    nullable: true,
    example: 'Sandbox Mobile 1',
  })
  network!: string | null;

  @ApiProperty({ description: 'Mobile country code.', type: String, nullable: true, example: '001' })
  mcc!: string | null;

  @ApiProperty({ description: 'Mobile network code.', type: String, nullable: true, example: '01' })
  mnc!: string | null;

  @ApiProperty({
    description: 'Whether the number was ported to another network.',
    type: Boolean,
    nullable: true,
    example: false,
  })
  ported!: boolean | null;

  @ApiProperty({
    description: 'Whether the handset is roaming abroad.',
    type: Boolean,
    nullable: true,
    example: false,
  })
  roaming!: boolean | null;

  @ApiProperty({
    description: "Afilnet's own entry for this number, verbatim (its HLR answer is not documented).",
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { destination: '34600000000', valid: 1, network: 'Sandbox Mobile 1', mcc: '001', mnc: '01' },
  })
  raw!: Record<string, unknown> | null;
}
