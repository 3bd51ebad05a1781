import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from './config/app-config';
import { createValidationPipe } from './common/errors/validation';
import { ErrorFilter, isBodyParserError, toErrorBody } from './common/errors/error.filter';
import { json, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ConfiguredIoAdapter } from './live/io.adapter';
import { APP_VERSION } from './version';

/** Everything main.ts and the e2e tests share, so the tests run the app as it ships. */
export async function configureApp(app: NestExpressApplication): Promise<INestApplication> {
  const config = app.get(AppConfig);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  // Security headers. The content security policy is left to a later change: the console, the
  // service worker, Swagger UI and the print pages need their sources listed first.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(json({ limit: '1mb' }));
  // Body parser errors (bad JSON, too large) answered here in the API's shape, before any route.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isBodyParserError(error)) {
      return next(error);
    }
    const body = toErrorBody(error);
    res.status(body.statusCode).json(body);
  });
  const sockets = new ConfiguredIoAdapter(app, config);
  await sockets.connectRedis();
  app.useWebSocketAdapter(sockets);
  app.disable('x-powered-by');
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true });
  }
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('无锡技能精英大赛 Wuxi Skills Elite Competition API')
      .setDescription(
        'Errors are `{ statusCode, code, message, details? }` with a stable `code`. ' +
          'Sign in at /api/auth/login and send `Authorization: Bearer <accessToken>`.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
