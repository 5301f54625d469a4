/** Texts of the live area of the viewer, in both languages (see ../part.ts). */
import { messagePart } from '../part.ts';

export const liveMessages = messagePart({}, {});
