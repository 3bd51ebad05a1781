import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from './config/app-config';
import { createValidationPipe } from './common/errors/validation';
import { localeFromHeader } from './common/i18n/glossary';
import { localeMiddleware } from './common/i18n/request-locale';
import { BODY_TOO_DEEP, isBodyParserError, toErrorBody } from './common/errors/error-body';
import { ErrorFilter } from './common/errors/error.filter';
import { jsonDeeperThan, MAX_JSON_DEPTH } from './common/json-depth';
import { json, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ConfiguredIoAdapter } from './live/io.adapter';
import { openApiDocument } from './openapi';

/**
 * One policy for the built client, the API and Swagger UI (/api/docs), none of which runs an
 * inline script: Vite emits external module scripts only, and @nestjs/swagger loads its set-up
 * from swagger-ui-init.js. Inline styles stay allowed because Element Plus positions popovers
 * and tables with style attributes, and the certificate and results-sheet pages carry a <style>.
 * No upgrade-insecure-requests: the venue network may serve the judges' tablets over plain HTTP.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // socket.io upgrades to a WebSocket; older Safari does not count ws: as 'self'.
  connectSrc: ["'self'", 'ws:', 'wss:'],
  // The judge tablet's service worker, /sw.js.
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  // printHtml() falls back to a hidden iframe on a blob: URL when pop-ups are blocked.
  frameSrc: ["'self'", 'blob:'],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

const ANONYMOUS_BODY_ROUTES = ['/api/auth/login', '/api/auth/refresh'];
const ANONYMOUS_BODY_LIMIT = 8 * 1024;

/**
 * An anonymous body announced larger than the limit is answered 413 at once and its connection
 * closed, without reading the rest: the body parser would read (and discard) every byte first,
 * which lets anyone on the internet make the server receive megabytes per request.
 */
function refuseLargeAnonymousBody(req: Request, res: Response, next: NextFunction): void {
  if (Number(req.headers['content-length'] ?? 0) <= ANONYMOUS_BODY_LIMIT) {
    return next();
  }
  res.setHeader('Connection', 'close');
  res.status(413).json(toErrorBody({ type: 'entity.too.large', message: 'too large' }));
  res.on('finish', () => req.socket.destroy());
}

/** body-parser's verify hook: runs on the raw bytes, before JSON.parse. */
function verify(_req: Request, _res: Response, raw: Buffer): void {
  if (jsonDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error('The request body nests too deeply.'), {
      status: 400,
      type: BODY_TOO_DEEP,
    });
  }
}

/** Everything main.ts and the e2e tests share, so the tests run the app as it ships. */
export async function configureApp(app: NestExpressApplication): Promise<INestApplication> {
  const config = app.get(AppConfig);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.use(localeMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: 'deny' },
    }),
  );
  // Anonymous routes take small bodies only (a login is a few hundred bytes); every JSON body is
  // scanned for its nesting depth before it is parsed.
  app.use(ANONYMOUS_BODY_ROUTES, refuseLargeAnonymousBody);
  app.use(ANONYMOUS_BODY_ROUTES, json({ limit: ANONYMOUS_BODY_LIMIT, verify }));
  app.use(json({ limit: '1mb', verify }));
  // Body parser errors (bad JSON, too large) answered here in the API's shape, before any route.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!isBodyParserError(error)) {
      return next(error);
    }
    const body = toErrorBody(error, localeFromHeader(req.headers['accept-language']));
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

  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    // No badge image from validator.swagger.io: the policy above allows images from here only.
    swaggerOptions: { validatorUrl: null },
  });
  return app;
}
