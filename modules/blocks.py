from wagtail import blocks


class ObjectiveBlock(blocks.CharBlock):
    class Meta:
        icon = "tick"
        label = "Objective"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = "Question and answer"
        template = "modules/blocks/question_answer.html"
