/**
 * Texts of the tooltip area of the viewer, in both languages (see ../part.ts). Field names and enum
 * values in tooltips come from the data contract; these are only the words the contract lacks.
 */
import { messagePart } from '../part.ts';

export const tooltipMessages = messagePart({
  'tooltip.title.hydrant': '消火栓 {id}',
  'tooltip.title.fire_lane': '消防车通道 {id}',
  'tooltip.title.obstacle': '通道障碍物',
  'tooltip.title.sensor': '物联网设备 {id}',
  'tooltip.title.grid': '网格 {id}',

  'tooltip.open_hazards': '未销号隐患',
  'tooltip.none': '无',
  'tooltip.count': '{count} 项',
  'tooltip.count_with_detail': '{count} 项（{detail}）',
  'tooltip.major': '重大 {count}',
  'tooltip.overdue': '逾期 {count}',
  'tooltip.detail_separator': '，',
  'tooltip.list_separator': '、',
  'tooltip.yes': '是',
  'tooltip.no': '否',

  'tooltip.status_overdue': '{status}（逾期）',
  'tooltip.overdue_by': '{date}（逾期 {count} 天）',
  'tooltip.date_with_age': '{date}（{age}）',
  'tooltip.quantity': '{value} {unit}',
  'tooltip.name_with_id': '{name}（{id}）',

  'tooltip.obstacles_present': '现存障碍物',
  'tooltip.obstacle_count': '{count} 处',
  'tooltip.since': '发现于',
  'tooltip.lane': '所在通道',
  'tooltip.removed': '已清除',

  'tooltip.premise': '所属场所',
  'tooltip.sensor': '告警设备',
  'tooltip.online': '在线状态',
  'tooltip.online.true': '在线',
  'tooltip.online.false': '离线',
  'tooltip.last_seen': '最后在线',
  'tooltip.alarm_time': '告警时间',
  'tooltip.alarm_state': '处理状态',
  'tooltip.alarm_state.unacknowledged': '未确认',
  'tooltip.alarm_state.acknowledged': '已确认',
  'tooltip.alarm_state.resolved': '已解除',

  'tooltip.vehicles': '{count} 辆',
  'tooltip.staff': '{count} 人',

  'tooltip.ago.just_now': '刚刚',
  'tooltip.ago.today': '今天',
  'tooltip.ago.minutes': '{count} 分钟前',
  'tooltip.ago.hours': '{count} 小时前',
  'tooltip.ago.days': '{count} 天前',
}, {
  'tooltip.title.hydrant': 'Hydrant {id}',
  'tooltip.title.fire_lane': 'Fire lane {id}',
  'tooltip.title.obstacle': 'Fire-lane obstacle',
  'tooltip.title.sensor': 'Sensor {id}',
  'tooltip.title.grid': 'Grid cell {id}',

  'tooltip.open_hazards': 'Open hazards',
  'tooltip.none': 'none',
  'tooltip.count': '{count}',
  'tooltip.count_with_detail': '{count} ({detail})',
  'tooltip.major': '{count} major',
  'tooltip.overdue': '{count} overdue',
  'tooltip.detail_separator': ', ',
  'tooltip.list_separator': ', ',
  'tooltip.yes': 'yes',
  'tooltip.no': 'no',

  'tooltip.status_overdue': '{status} (overdue)',
  'tooltip.overdue_by': '{date} ({count} day overdue)|{date} ({count} days overdue)',
  'tooltip.date_with_age': '{date} ({age})',
  'tooltip.quantity': '{value} {unit}',
  'tooltip.name_with_id': '{name} ({id})',

  'tooltip.obstacles_present': 'Obstacles present',
  'tooltip.obstacle_count': '{count}',
  'tooltip.since': 'Since',
  'tooltip.lane': 'Fire lane',
  'tooltip.removed': 'Removed',

  'tooltip.premise': 'Premises',
  'tooltip.sensor': 'Sensor',
  'tooltip.online': 'Connection',
  'tooltip.online.true': 'online',
  'tooltip.online.false': 'offline',
  'tooltip.last_seen': 'Last seen',
  'tooltip.alarm_time': 'Time',
  'tooltip.alarm_state': 'State',
  'tooltip.alarm_state.unacknowledged': 'not acknowledged',
  'tooltip.alarm_state.acknowledged': 'acknowledged',
  'tooltip.alarm_state.resolved': 'resolved',

  'tooltip.vehicles': '{count} vehicle|{count} vehicles',
  'tooltip.staff': '{count} person|{count} people',

  'tooltip.ago.just_now': 'just now',
  'tooltip.ago.today': 'today',
  'tooltip.ago.minutes': '{count} minute ago|{count} minutes ago',
  'tooltip.ago.hours': '{count} hour ago|{count} hours ago',
  'tooltip.ago.days': '{count} day ago|{count} days ago',
});
