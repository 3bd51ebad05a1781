import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';

/** Domain events are one in-process bus for the whole app. */
@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class EventsModule {}
