import { ApiProperty } from '@nestjs/swagger';

export class BalanceDto {
  @ApiProperty({ description: "The Afilnet account's remaining credits.", example: 123.4 })
  credits!: number;
}
