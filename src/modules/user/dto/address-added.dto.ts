import { ApiProperty } from '@nestjs/swagger';

export class AddressAddedDto {
  @ApiProperty({
    description:
      "The new address's id, read from Afilnet's result (`idaddress` or `id`, or the result itself); null when " +
      'Afilnet reports none: its docs list no result for addaddress.',
    type: 'integer',
    nullable: true,
    example: 1,
  })
  id!: number | null;

  @ApiProperty({
    description:
      "Afilnet's result verbatim when it holds anything besides the id: the result is not documented, so whatever " +
      'it says is kept here rather than dropped. Null when there is nothing more.',
    // Any JSON value. OpenAPI 3.0 ignores `nullable` beside `oneOf`, so null is allowed by one branch only.
    oneOf: [
      { type: 'object', additionalProperties: true, nullable: true },
      { type: 'array', items: {} },
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
    ],
    example: null,
  })
  raw!: unknown;
}
