import { ApiProperty } from '@nestjs/swagger';

class ConnectionsDto {
  @ApiProperty({ description: 'Calls holding a connection to Afilnet now.', example: 3 })
  active!: number;

  @ApiProperty({ description: 'Calls waiting for a free connection now.', example: 0 })
  waiting!: number;
}

/** What this instance knows about Afilnet: an observation, never a reason to take the instance out of a balancer. */
export class UpstreamHealthDto {
  @ApiProperty({ enum: ['up'], description: 'Afilnet answered its last call and the circuit is not open.' })
  status!: 'up';

  @ApiProperty({
    enum: ['closed', 'half_open'],
    description: "The circuit breaker's state (`open` answers 503 instead).",
    example: 'closed',
  })
  circuit!: 'closed' | 'half_open';

  @ApiProperty({
    description:
      'When Afilnet last answered (real traffic, or the shared probe when there was none for 15 s).',
    example: '2026-01-15T09:00:00.000Z',
  })
  checkedAt!: string;

  @ApiProperty({ type: ConnectionsDto })
  connections!: ConnectionsDto;
}
