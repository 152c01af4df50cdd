import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { RequestValidationError } from './request-validation.error.js';

/**
 * How every request is validated and every error answered: the global validation pipe (unknown fields refused,
 * input transformed into the DTO classes) and the problem+json filter. Providers rather than `app.useGlobal…`, so a
 * test slice that imports this module gets exactly the application's behaviour.
 */
@Module({
  providers: [
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        exceptionFactory: RequestValidationError.fromValidationErrors,
      }),
    },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class RequestPipelineModule {}
