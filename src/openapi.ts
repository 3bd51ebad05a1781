import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyResponse, FieldErrorResponse } from './common/errors/error-body.dto';
import { ModuleNotReadyDetails } from './judging/dto/progress.dto';
import { APP_VERSION } from './version';

/**
 * The API's OpenAPI document, served at /api/docs and read by `npm run contracts`, which
 * generates the client's types from it (client/src/api/schema.d.ts): one source for both sides.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('无锡技能精英大赛 Wuxi Skills Elite Competition API')
      .setDescription(
        'Errors are `{ statusCode, code, message, params?, details? }` with a stable `code`; ' +
          '`message` is zh-CN unless `Accept-Language` prefers English. ' +
          'Sign in at /api/auth/login and send `Authorization: Bearer <accessToken>`.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
    // Error bodies are no route's success answer; listed so the client types them too.
    { extraModels: [ErrorBodyResponse, FieldErrorResponse, ModuleNotReadyDetails] },
  );
}
