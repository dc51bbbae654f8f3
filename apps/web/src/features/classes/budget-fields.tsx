import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { text } from '@ganxun/domain';
import { Button, Col, Flex, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../components/zod-rule';
import { budgetTotal, formatYuan } from './budget';

/** The class form's budget lines (item, amount in yuan, note) with their running total. */
export function BudgetFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const budget = Form.useWatch('budget', form);
  const required = { required: true, message: t('validation.required') };
  return (
    <Form.List name="budget">
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top" wrap={false}>
              <Col flex="1 1 40%">
                <Form.Item
                  name={[field.name, 'item']}
                  rules={[{ ...required, whitespace: true }, zodRule(text(100), t)]}
                >
                  <Input placeholder={t('classes.field.budgetItem')} maxLength={100} />
                </Form.Item>
              </Col>
              <Col flex="0 0 130px">
                <Form.Item name={[field.name, 'amount']} rules={[required]}>
                  <InputNumber
                    min={0}
                    max={100_000_000}
                    precision={2}
                    placeholder={t('classes.field.budgetAmount')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col flex="1 1 30%">
                <Form.Item name={[field.name, 'note']} rules={[zodRule(text(200, 0), t)]}>
                  <Input placeholder={t('classes.field.budgetNote')} maxLength={200} />
                </Form.Item>
              </Col>
              <Col flex="none">
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('classes.form.remove')}
                />
              </Col>
            </Row>
          ))}
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ item: '', amount: null, note: '' })}
              disabled={fields.length >= 50}
              data-testid="class-form-add-budget"
            >
              {t('classes.form.addBudgetLine')}
            </Button>
            <Typography.Text strong data-testid="class-form-budget-total">
              {t('classes.overview.budgetTotal', { amount: formatYuan(budgetTotal(budget)) })}
            </Typography.Text>
          </Flex>
        </Flex>
      )}
    </Form.List>
  );
}
