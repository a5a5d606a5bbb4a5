import { Controller, Get, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, Public } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { HealthDto, ReadinessDto } from './dto/health.dto';
import { HealthService } from './health.service';

@ApiTags('Health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Liveness; names the caller when a valid key or session is sent: the person (with email) or machine user
   * (`machineUser: true`) and the key. A publishable key is answered with the key and workspace only.
   */
  @Get()
  @Public({ identify: true })
  getHealth(@Req() request: AuthenticatedRequest): Promise<HealthDto> {
    return this.health.liveness(request.auth);
  }

  /** Readiness: 503 while the database (or Redis, when configured) does not answer. */
  @Get('ready')
  @Public()
  @ApiErrors(ErrorCode.serviceUnavailable)
  getReadiness(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
